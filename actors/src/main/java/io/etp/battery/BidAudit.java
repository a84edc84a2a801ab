package io.etp.battery;

import io.etp.protocol.v1.RejectReason;
import java.time.Instant;

/**
 * One line of a battery's bid audit trail: a bid it received, or the award decision on it, and why.
 *
 * @param auctionId the auction the bid was for ("" if refused before any auction)
 * @param reason the reject reason for REJECTED and LOST, else REJECT_REASON_UNSPECIFIED
 */
public record BidAudit(
    String batteryId, String auctionId, String aggregatorId, long messageId, double priceCPerKwh, double energyKwh,
    Decision decision, RejectReason reason, Instant at) {

  public enum Decision {
    /** refused when received */
    REJECTED,
    /** ascending: became the standing bid */
    LEADING,
    /** sealed-bid: recorded until the window closes */
    SEALED,
    /** offered the lot at the close (BidAccept) */
    AWARDED,
    /** did not win at the close (BidReject) */
    LOST,
    /** confirmed: the trade was made */
    CONFIRMED
  }
}
