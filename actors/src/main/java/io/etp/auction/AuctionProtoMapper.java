package io.etp.auction;

import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import io.etp.protocol.cluster.v1.AuctionMechanism;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Maps the auction context's records to and from their cluster protobuf form (etp/cluster/v1/auction.proto). */
public final class AuctionProtoMapper {

  private static final long NANOS = 1_000_000_000L;

  private AuctionProtoMapper() {}

  /** Unix epoch nanoseconds: lossless for java.time.Instant between 1677 and 2262. */
  public static long nanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), NANOS), t.getNano());
  }

  public static Instant instant(long unixNanos) {
    return Instant.ofEpochSecond(Math.floorDiv(unixNanos, NANOS), Math.floorMod(unixNanos, NANOS));
  }

  public static AuctionMechanism toProto(Mechanism m) {
    return switch (m) {
      case ASCENDING -> AuctionMechanism.AUCTION_MECHANISM_ASCENDING;
      case SEALED_SECOND_PRICE -> AuctionMechanism.AUCTION_MECHANISM_SEALED_SECOND_PRICE;
    };
  }

  public static Mechanism fromProto(AuctionMechanism m) {
    return switch (m) {
      case AUCTION_MECHANISM_SEALED_SECOND_PRICE -> Mechanism.SEALED_SECOND_PRICE;
      case AUCTION_MECHANISM_ASCENDING -> Mechanism.ASCENDING;
      default -> throw new IllegalArgumentException("unknown auction mechanism " + m);
    };
  }

  /** The mechanism as the ETP wire carries it (QueryResponse {@code auction_mechanism}). */
  public static io.etp.protocol.v1.AuctionMechanism toWire(Mechanism m) {
    return switch (m) {
      case ASCENDING -> io.etp.protocol.v1.AuctionMechanism.AUCTION_MECHANISM_ASCENDING;
      case SEALED_SECOND_PRICE -> io.etp.protocol.v1.AuctionMechanism.AUCTION_MECHANISM_SEALED_SECOND_PRICE;
    };
  }

  /** @return the mechanism a wire value names; empty for UNSPECIFIED or a number this version does not know */
  public static Optional<Mechanism> fromWire(io.etp.protocol.v1.AuctionMechanism m) {
    return switch (m) {
      case AUCTION_MECHANISM_ASCENDING -> Optional.of(Mechanism.ASCENDING);
      case AUCTION_MECHANISM_SEALED_SECOND_PRICE -> Optional.of(Mechanism.SEALED_SECOND_PRICE);
      case AUCTION_MECHANISM_UNSPECIFIED, UNRECOGNIZED -> Optional.empty();
    };
  }

  public static io.etp.protocol.cluster.v1.AuctionRules toProto(AuctionRules r) {
    return io.etp.protocol.cluster.v1.AuctionRules.newBuilder()
        .setMechanism(toProto(r.mechanism()))
        .setWindowMs(r.window().toMillis())
        .setMinIncrementCPerKwh(r.minIncrementCPerKwh())
        .setSoftCloseMs(r.softClose().toMillis())
        .setConfirmDeadlineMs(r.confirmDeadline().toMillis())
        .setMaxMisses(r.maxMisses())
        .build();
  }

  public static AuctionRules fromProto(io.etp.protocol.cluster.v1.AuctionRules p) {
    return new AuctionRules(fromProto(p.getMechanism()), Duration.ofMillis(p.getWindowMs()),
        p.getMinIncrementCPerKwh(), Duration.ofMillis(p.getSoftCloseMs()), Duration.ofMillis(p.getConfirmDeadlineMs()),
        p.getMaxMisses());
  }

  public static io.etp.protocol.cluster.v1.AuctionOutcome toProto(AuctionOutcome o) {
    return io.etp.protocol.cluster.v1.AuctionOutcome.newBuilder()
        .setAuctionId(o.auctionId())
        .setBatteryId(o.batteryId())
        .setMechanism(toProto(o.mechanism()))
        .setLotKwh(o.lotKwh().toDouble())
        .setLotKwhDecimal(o.lotKwh().toString())
        .setReservePriceCPerKwh(o.reservePriceCPerKwh().toDouble())
        .setReservePriceCPerKwhDecimal(o.reservePriceCPerKwh().toString())
        .setWinnerId(o.winnerId().orElse(""))
        .setClearingPriceCPerKwh(o.clearingPriceCPerKwh().toDouble())
        .setClearingPriceCPerKwhDecimal(o.clearingPriceCPerKwh().toString())
        .setEnergyKwh(o.energyKwh().toDouble())
        .setEnergyKwhDecimal(o.energyKwh().toString())
        .addAllBidders(o.bidders())
        .setMisses(o.misses())
        .setEndedWith(o.endedWith())
        .setEndedAtUnixNanos(nanos(o.endedAt()))
        .build();
  }

  public static AuctionOutcome fromProto(io.etp.protocol.cluster.v1.AuctionOutcome p) {
    return new AuctionOutcome(p.getAuctionId(), p.getBatteryId(), fromProto(p.getMechanism()),
        energy(p.getLotKwhDecimal(), p.getLotKwh()),
        price(p.getReservePriceCPerKwhDecimal(), p.getReservePriceCPerKwh()), optional(p.getWinnerId()),
        price(p.getClearingPriceCPerKwhDecimal(), p.getClearingPriceCPerKwh()),
        energy(p.getEnergyKwhDecimal(), p.getEnergyKwh()), p.getBiddersList(), p.getMisses(), p.getEndedWith(),
        instant(p.getEndedAtUnixNanos()));
  }

  /**
   * A persisted price: its exact decimal field, or, in a message written before that field existed (empty), the
   * legacy double rounded once by io.etp.money's rule.
   */
  public static PriceCPerKwh price(String decimal, double legacy) {
    return decimal.isEmpty() ? PriceCPerKwh.ofDouble(legacy) : PriceCPerKwh.parse(decimal);
  }

  /** A persisted energy, as {@link #price}. */
  public static EnergyKwh energy(String decimal, double legacy) {
    return decimal.isEmpty() ? EnergyKwh.ofDouble(legacy) : EnergyKwh.parse(decimal);
  }

  public static Optional<String> optional(String s) {
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }
}
