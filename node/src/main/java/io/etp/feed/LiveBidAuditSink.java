package io.etp.feed;

import io.etp.battery.BidAudit;
import io.etp.battery.BidAuditSink;
import io.etp.live.LiveEvent;
import io.etp.live.LiveEventPublisher;
import io.etp.live.LiveEventType;
import java.util.List;

/**
 * A tee in front of the real bid audit sink: every record goes to the real sink first, then bids as they are decided
 * go to the live stream: LEADING and SEALED as BID_PLACED, REJECTED and LOST as BID_REJECTED with the reason
 * (AWARDED and CONFIRMED appear on the stream from the journal, as BID_ACCEPTED and TRADE_CONFIRMED). Placed bids are
 * also kept in the {@link MarketWindow} for {@code GET /api/auctions}. Nothing here blocks the battery entity:
 * the hub's publish and the window are non-blocking.
 */
public final class LiveBidAuditSink implements BidAuditSink {

  private final BidAuditSink delegate;
  private final LiveEventPublisher publisher;
  private final MarketWindow window;

  public LiveBidAuditSink(BidAuditSink delegate, LiveEventPublisher publisher, MarketWindow window) {
    this.delegate = delegate;
    this.publisher = publisher;
    this.window = window;
  }

  @Override
  public boolean offer(BidAudit audit) {
    boolean accepted = delegate.offer(audit);
    switch (audit.decision()) {
      case LEADING, SEALED -> {
        window.bidPlaced(audit);
        publisher.publish(LiveEvent.of(LiveEventType.BID_PLACED, audit.at(), audit.batteryId(), audit.aggregatorId(),
            auctionOrNull(audit), LiveEvent.Payload.EMPTY.withPrice(audit.priceCPerKwh())
                .withEnergy(audit.energyKwh()).withStatus(audit.decision().name())));
      }
      case REJECTED, LOST -> {
        LiveEvent.Payload payload = LiveEvent.Payload.EMPTY.withReason(reason(audit)).withStatus(audit.decision().name());
        if (audit.decision() == BidAudit.Decision.REJECTED) {
          payload = payload.withPrice(audit.priceCPerKwh()).withEnergy(audit.energyKwh());
        }
        publisher.publish(LiveEvent.of(LiveEventType.BID_REJECTED, audit.at(), audit.batteryId(),
            audit.aggregatorId(), auctionOrNull(audit), payload));
      }
      default -> { }
    }
    return accepted;
  }

  @Override
  public List<BidAudit> forBattery(String batteryId) {
    return delegate.forBattery(batteryId);
  }

  @Override
  public long dropped() {
    return delegate.dropped();
  }

  private static String auctionOrNull(BidAudit audit) {
    return audit.auctionId().isEmpty() ? null : audit.auctionId();
  }

  private static String reason(BidAudit audit) {
    return audit.reason().name().replace("REJECT_REASON_", "");
  }
}
