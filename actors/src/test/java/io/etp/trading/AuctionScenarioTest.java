package io.etp.trading;

import static org.junit.jupiter.api.Assertions.*;

import io.etp.auction.Mechanism;
import io.etp.battery.Availability;
import io.etp.battery.Battery;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.RejectReason;
import io.etp.protocol.v1.TerminationCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Battery auctions on a one-node cluster, with the test playing the bidders as peers on the wire. */
class AuctionScenarioTest extends TradingClusterTestBase {

  @Test
  void belowReserveBidIsAlwaysRejectedForEveryMechanism() {
    for (Mechanism mechanism : Mechanism.values()) {
      String battery = "reserve-" + mechanism;
      register(battery);
      changeRules(battery, batterySettings().auctionRules().withMechanism(mechanism));
      var low = bidder("low-" + mechanism);
      var fair = bidder("fair-" + mechanism);

      bid("low-" + mechanism, battery, "", 13.99, 5); // before any auction: refused, opens nothing
      assertEquals(RejectReason.REJECT_REASON_BELOW_RESERVE, expect(low, MessageType.BID_REJECT).getRejectReason());
      assertTrue(battery(battery).openAuction().isEmpty());

      bid("fair-" + mechanism, battery, "", 14.5, 5); // opens the auction
      String auctionId = awaitOpenAuction(battery);
      bid("low-" + mechanism, battery, auctionId, 13.0, 5); // inside the auction: refused too
      assertEquals(RejectReason.REJECT_REASON_BELOW_RESERVE, expect(low, MessageType.BID_REJECT).getRejectReason());

      EtpMessage accept = expect(fair, MessageType.BID_ACCEPT);
      assertTrue(accept.getSalePriceCPerKwh() >= 14.0);
      EtpMessage lost = expect(low, MessageType.BID_REJECT);
      assertEquals(RejectReason.REJECT_REASON_BELOW_RESERVE, lost.getRejectReason());
      confirm("fair-" + mechanism, battery, auctionId);
      assertEquals(TerminationCode.TERMINATION_CODE_COMPLETED, expect(fair, MessageType.TERMINATE).getTerminationCode());
      assertEquals(TerminationCode.TERMINATION_CODE_LOST_AUCTION, expect(low, MessageType.TERMINATE).getTerminationCode());

      var outcome = battery(battery).lastOutcome().orElseThrow();
      assertEquals("fair-" + mechanism, outcome.winnerId().orElseThrow());
      assertTrue(outcome.clearingPriceCPerKwh().compareTo(outcome.reservePriceCPerKwh()) >= 0);
      assertEquals(mechanism, outcome.mechanism());
    }
  }

  @Test
  void secondBestWinsWhenWinnerMissesConfirmDeadline() {
    String battery = "deadline-1";
    register(battery);
    changeRules(battery, batterySettings().auctionRules().withMechanism(Mechanism.SEALED_SECOND_PRICE));
    var slow = bidder("slow");
    var second = bidder("second");
    var third = bidder("third");
    bid("slow", battery, "", 17.0, 5);
    String auctionId = awaitOpenAuction(battery);
    bid("second", battery, auctionId, 16.0, 5);
    bid("third", battery, auctionId, 15.0, 5);

    EtpMessage firstAccept = expect(slow, MessageType.BID_ACCEPT);
    assertEquals(16.0, firstAccept.getSalePriceCPerKwh()); // second price
    assertEquals(RejectReason.REJECT_REASON_OUTBID, expect(second, MessageType.BID_REJECT).getRejectReason());
    assertEquals(RejectReason.REJECT_REASON_OUTBID, expect(third, MessageType.BID_REJECT).getRejectReason());
    // "slow" never confirms: after the 500 ms deadline the lot goes to the next-best bid
    EtpMessage secondAccept = expect(second, MessageType.BID_ACCEPT);
    assertEquals(15.0, secondAccept.getSalePriceCPerKwh());
    confirm("second", battery, auctionId);

    assertEquals(TerminationCode.TERMINATION_CODE_COMPLETED, expect(second, MessageType.TERMINATE).getTerminationCode());
    assertEquals(TerminationCode.TERMINATION_CODE_LOST_AUCTION, expect(slow, MessageType.TERMINATE).getTerminationCode());
    assertEquals(TerminationCode.TERMINATION_CODE_LOST_AUCTION, expect(third, MessageType.TERMINATE).getTerminationCode());

    Battery.State state = battery(battery);
    var outcome = state.lastOutcome().orElseThrow();
    assertEquals("second", outcome.winnerId().orElseThrow());
    assertEquals(1, outcome.misses());
    assertEquals(1, state.recordOf("slow").missed());
    assertEquals(1, state.recordOf("second").confirmed());
    assertEquals(5.0, state.soldKwh(), 1e-9);
  }

  @Test
  void deviceFailureMidAuctionTerminatesEveryBidderWithoutTrade() {
    String battery = "failing-1";
    register(battery);
    changeRules(battery, batterySettings().auctionRules().withWindow(Duration.ofSeconds(30)));
    var a = bidder("fail-a");
    var b = bidder("fail-b");
    bid("fail-a", battery, "", 15.0, 5);
    String auctionId = awaitOpenAuction(battery);
    bid("fail-b", battery, auctionId, 16.0, 5);
    assertEquals(RejectReason.REJECT_REASON_OUTBID, expect(a, MessageType.BID_REJECT).getRejectReason());

    deviceFailure(battery);

    for (var probe : java.util.List.of(a, b)) {
      EtpMessage end = expect(probe, MessageType.TERMINATE);
      assertEquals(TerminationCode.TERMINATION_CODE_DEVICE_FAILURE, end.getTerminationCode());
      assertEquals(auctionId, end.getNegotiationId());
    }
    Battery.State state = battery(battery);
    assertEquals(Availability.FAILED, state.availability());
    assertEquals(0.0, state.soldKwh());
    assertEquals(TerminationCode.TERMINATION_CODE_DEVICE_FAILURE, state.lastOutcome().orElseThrow().endedWith());
    assertTrue(state.records().values().stream().allMatch(r -> r.confirmed() == 0));

    bid("fail-b", battery, "", 18.0, 5); // a failed battery does not trade
    assertEquals(RejectReason.REJECT_REASON_UNHEALTHY, expect(b, MessageType.BID_REJECT).getRejectReason());
    a.expectNoMessage(Duration.ofMillis(700)); // no award after the failure
  }

  String awaitOpenAuction(String batteryId) {
    String[] id = new String[1];
    tap.awaitAssert(Duration.ofSeconds(5), () -> {
      id[0] = battery(batteryId).openAuction().orElseThrow().auctionId();
      return null;
    });
    return id[0];
  }
}
