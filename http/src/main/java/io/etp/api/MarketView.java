package io.etp.api;

import java.math.BigDecimal;
import io.etp.money.PriceCPerKwh;
import io.etp.money.EnergyKwh;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * The seam between the REST API and the trading core: what {@link MarketRoutes} asks of the entities and read models.
 * The core implements it (asking the battery, aggregator and auction entities through sharding, or reading the
 * projections' tables) and passes it to {@code Gateway.start(system, config, view)}. Implementations complete
 * every stage off the caller's thread; an ask timeout completes it with a {@link java.util.concurrent.TimeoutException}
 * (answered with 503).
 */
public interface MarketView {

  /** The latest known state of every battery. */
  CompletionStage<List<BatterySnapshot>> batteries();

  /** Auctions open right now, with their bids so far. */
  CompletionStage<List<AuctionSnapshot>> activeAuctions();

  /** Ends an open auction early (operator action). */
  CompletionStage<Termination> terminateAuction(String auctionId, String reason, String requestedBy);

  /** A battery as {@code GET /api/batteries} shows it; optional values are {@code null}. */
  record BatterySnapshot(String batteryId, String aggregatorId, Double energyKwh, Double capacityKwh, Double healthPct,
                         Double priceCPerKwh, String status, Instant updatedAt) {
    public BatterySnapshot {
      Objects.requireNonNull(batteryId, "batteryId");
      Objects.requireNonNull(updatedAt, "updatedAt");
    }
  }

  /** A bid in an open auction: its wire doubles as exact decimals (io.etp.money's rule). */
  record BidSnapshot(String aggregatorId, BigDecimal priceCPerKwh, BigDecimal energyKwh, Instant placedAt,
                     String status) {}

  /** An open auction as {@code GET /api/auctions?state=active} shows it. */
  record AuctionSnapshot(String auctionId, String batteryId, String aggregatorId, PriceCPerKwh reserveCPerKwh,
                         EnergyKwh energyKwh, Instant openedAt, Instant closesAt, List<BidSnapshot> bids) {
    public AuctionSnapshot {
      Objects.requireNonNull(auctionId, "auctionId");
      bids = List.copyOf(bids);
    }
  }

  /** The outcome of {@link #terminateAuction}. */
  sealed interface Termination {
    /** The auction was open and is now terminated (an AUCTION_TERMINATED event follows on the stream). */
    record Terminated(String auctionId) implements Termination {}

    /** No auction has this id. */
    record UnknownAuction(String auctionId) implements Termination {}

    /** The auction had already ended or been terminated. */
    record AlreadyClosed(String auctionId) implements Termination {}
  }
}
