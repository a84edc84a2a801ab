package io.etp.trading;

import static org.junit.jupiter.api.Assertions.*;

import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import io.etp.auction.AuctionOutcome;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.RejectReason;
import io.etp.protocol.v1.TerminationCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Aggregator twins competing for one battery's lot in an ascending auction, on a one-node cluster. */
class CompetitiveAuctionTest extends TradingClusterTestBase {

  @Test
  void highestWillingBidderWinsAtAPriceAboveWhatASingleBidderPays() {
    // a single bidder first: it raises from 12 c/kWh until it meets the reserve and pays that
    register("solo-battery");
    setTargets("solo-agg", 6.5, 18.5, 1_000_000);
    AuctionOutcome solo = awaitOutcome("solo-battery");
    pause("solo-agg");
    assertEquals("solo-agg", solo.winnerId().orElseThrow());

    // three aggregators with maxima 15.5, 17 and 18.5 c/kWh bid for one lot
    register("contested-battery");
    setTargets("agg-low", 6.5, 15.5, 1_000_000);
    setTargets("agg-mid", 6.5, 17.0, 1_000_000);
    setTargets("agg-high", 6.5, 18.5, 1_000_000);
    AuctionOutcome contested = awaitOutcome("contested-battery");

    assertTrue(contested.traded(), contested.summary());
    assertEquals("agg-high", contested.winnerId().orElseThrow(), contested.summary());
    assertTrue(contested.clearingPriceCPerKwh().compareTo(solo.clearingPriceCPerKwh()) > 0, contested + " vs " + solo);
    // English auction: the runner-up stops at its maximum, so the winner pays at least that
    assertTrue(contested.clearingPriceCPerKwh().compareTo(PriceCPerKwh.parse("17")) >= 0, "runner-up's maximum reached: " + contested.summary());
    assertTrue(contested.clearingPriceCPerKwh().compareTo(PriceCPerKwh.parse("18.5")) <= 0);
    assertEquals(Set.of("agg-low", "agg-mid", "agg-high"), Set.copyOf(contested.bidders()));

    // what the battery told each bidder
    Map<String, List<EtpMessage>> heard = new HashMap<>();
    for (EtpMessage m : sent) {
      if (contested.auctionId().equals(m.getNegotiationId())) {
        heard.computeIfAbsent(m.getRecipientId(), k -> new ArrayList<>()).add(m);
      }
    }
    for (String loser : List.of("agg-low", "agg-mid")) {
      List<EtpMessage> msgs = heard.get(loser);
      assertTrue(msgs.stream().anyMatch(m -> m.getMessageType() == MessageType.BID_REJECT
          && m.getRejectReason() == RejectReason.REJECT_REASON_OUTBID), loser + " heard " + msgs);
      assertTrue(msgs.stream().noneMatch(m -> m.getMessageType() == MessageType.BID_ACCEPT));
      EtpMessage end = msgs.get(msgs.size() - 1);
      assertEquals(MessageType.TERMINATE, end.getMessageType());
      assertEquals(TerminationCode.TERMINATION_CODE_LOST_AUCTION, end.getTerminationCode());
    }
    EtpMessage winnersEnd = heard.get("agg-high").get(heard.get("agg-high").size() - 1);
    assertEquals(TerminationCode.TERMINATION_CODE_COMPLETED, winnersEnd.getTerminationCode());

    tap.awaitAssert(Duration.ofSeconds(5), () -> {
      assertEquals(6.5, aggregator("agg-high").boughtKwh(), 1e-9);
      assertEquals(0.0, aggregator("agg-mid").boughtKwh(), 1e-9);
      assertEquals(1, aggregator("agg-mid").auctions());
      return null;
    });
  }

  AuctionOutcome awaitOutcome(String batteryId) {
    AuctionOutcome[] outcome = new AuctionOutcome[1];
    tap.awaitAssert(Duration.ofSeconds(30), Duration.ofMillis(200), () -> {
      outcome[0] = battery(batteryId).lastOutcome().orElseThrow();
      return null;
    });
    return outcome[0];
  }
}
