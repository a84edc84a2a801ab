package io.etp.aggregator;

import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.ConfigFactory;
import io.etp.auction.Envelopes;
import io.etp.battery.BatteryDirectory;
import io.etp.protocol.v1.BatteryHealth;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.risk.AggregatorLimits;
import io.etp.risk.InMemoryRiskAuditSink;
import io.etp.risk.RiskReason;
import io.etp.risk.RiskRejection;
import io.etp.risk.RiskRules;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The aggregator runs the pre-trade risk rules before every Bid and stops bidding when a limit would be breached. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AggregatorRiskTest {

  @JUnit5TestKit
  ActorTestKit testKit = new JUnit5TestKitBuilder()
      .withCustomConfig(ConfigFactory.parseString("pekko.loglevel = INFO")
          .withFallback(EventSourcedBehaviorTestKit.config()))
      .build();

  static final Clock CLOCK = Clock.systemUTC();
  static final AggregatorSettings SETTINGS = AggregatorSettings.defaults().withQueryInterval(Duration.ofHours(1));

  record Setup(EventSourcedBehaviorTestKit<Aggregator.Command, Aggregator.Event, Aggregator.State> aggregator,
      TestProbe<EtpMessage> batteries, org.apache.pekko.actor.typed.ActorRef<BatteryDirectory.Listing> listings) {}

  Setup start(String id, AggregatorLimits limits, double capPerMwh, InMemoryRiskAuditSink audit) {
    TestProbe<EtpMessage> batteries = testKit.createTestProbe();
    TestProbe<BatteryDirectory.Command> directory = testKit.createTestProbe();
    PreTradeRisk risk = new PreTradeRisk(RiskRules.standard(0, capPerMwh, 0, audit, CLOCK), limits);
    var deps = new Aggregator.Dependencies(SETTINGS, CLOCK, m -> batteries.ref().tell(m), directory.ref(),
        new PriceSignal.Configured(17.0, 0.0), Optional.of(risk));
    EventSourcedBehaviorTestKit<Aggregator.Command, Aggregator.Event, Aggregator.State> aggregator =
        EventSourcedBehaviorTestKit.create(testKit.system(), Aggregator.create(id, deps));
    var listings = directory.expectMessageClass(BatteryDirectory.Subscribe.class).subscriber();
    // fixed increment opening at 12 c/kWh, at most 20 c/kWh
    assertEquals(Done.getInstance(), aggregator.<Done>runCommand(r -> new Aggregator.SetTargets(1000, 20, 1e9, r))
        .reply());
    return new Setup(aggregator, batteries, listings);
  }

  static EtpMessage queryResponse(String aggregatorId, String batteryId, BatteryHealth health) {
    return new Envelopes(batteryId, PeerRole.PEER_ROLE_BATTERY, CLOCK)
        .to(aggregatorId, MessageType.QUERY_RESPONSE, "auc-" + batteryId)
        .setEnergyTotalKwh(13.5).setRemainingEnergyKwh(13.5).setPercentageForSale(6.5 / 13.5 * 100)
        .setReservePriceCPerKwh(11.0).setBatteryHealth(health).setDetail("mechanism=ASCENDING").build();
  }

  void queryBoth(Setup s) {
    LinkedHashSet<String> ids = new LinkedHashSet<>(List.of("bess-a", "bess-b"));
    s.listings().tell(new BatteryDirectory.Listing(ids));
    s.batteries().receiveSeveralMessages(2); // the two Queries
  }

  @Test
  void stopsBiddingWhenTheExposureLimitIsReachedAndAuditsTheReason() {
    InMemoryRiskAuditSink audit = new InMemoryRiskAuditSink();
    // one lot: 6.5 kWh x 12 c/kWh = 0.78 EUR; two would be 1.56 EUR > 1.00
    Setup s = start("agg-risk-1", new AggregatorLimits(1000, 1.0, 1e9), 500, audit);
    queryBoth(s);

    s.aggregator().runCommand(new Aggregator.ReceiveEtp(queryResponse("agg-risk-1", "bess-a",
        BatteryHealth.BATTERY_HEALTH_GOOD)));
    EtpMessage bid = s.batteries().receiveMessage();
    assertEquals(MessageType.BID, bid.getMessageType());
    assertEquals("bess-a", bid.getRecipientId());

    s.aggregator().runCommand(new Aggregator.ReceiveEtp(queryResponse("agg-risk-1", "bess-b",
        BatteryHealth.BATTERY_HEALTH_GOOD)));
    s.batteries().expectNoMessage(Duration.ofMillis(300));
    List<RiskRejection> rejections = audit.rejections();
    assertEquals(1, rejections.size());
    assertEquals(RiskReason.EXPOSURE_LIMIT_EXCEEDED, rejections.get(0).reason());
    assertEquals("bess-b", rejections.get(0).order().deviceId());
    assertEquals("agg-risk-1", rejections.get(0).order().aggregatorId());
    assertEquals(120.0, rejections.get(0).order().limitPricePerMwh(), 1e-9, "12 c/kWh = 120 per MWh");
  }

  @Test
  void aBidAboveThePriceCapIsNotSent() {
    InMemoryRiskAuditSink audit = new InMemoryRiskAuditSink();
    // cap 100 per MWh = 10 c/kWh, below the 12 c/kWh opening bid
    Setup s = start("agg-risk-2", new AggregatorLimits(1000, 1000, 1e9), 100, audit);
    queryBoth(s);
    s.aggregator().runCommand(new Aggregator.ReceiveEtp(queryResponse("agg-risk-2", "bess-a",
        BatteryHealth.BATTERY_HEALTH_GOOD)));
    s.batteries().expectNoMessage(Duration.ofMillis(300));
    assertEquals(RiskReason.PRICE_ABOVE_CAP, audit.rejections().get(0).reason());
  }

  @Test
  void withinItsLimitsItBidsForEveryLot() {
    InMemoryRiskAuditSink audit = new InMemoryRiskAuditSink();
    Setup s = start("agg-risk-3", new AggregatorLimits(1000, 1000, 1e9), 500, audit);
    queryBoth(s);
    s.aggregator().runCommand(new Aggregator.ReceiveEtp(queryResponse("agg-risk-3", "bess-a",
        BatteryHealth.BATTERY_HEALTH_GOOD)));
    s.aggregator().runCommand(new Aggregator.ReceiveEtp(queryResponse("agg-risk-3", "bess-b",
        BatteryHealth.BATTERY_HEALTH_GOOD)));
    assertEquals(MessageType.BID, s.batteries().receiveMessage().getMessageType());
    assertEquals(MessageType.BID, s.batteries().receiveMessage().getMessageType());
    assertTrue(audit.rejections().isEmpty());
  }
}
