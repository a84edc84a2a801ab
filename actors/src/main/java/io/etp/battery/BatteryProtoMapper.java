package io.etp.battery;

import static io.etp.auction.AuctionProtoMapper.instant;
import static io.etp.auction.AuctionProtoMapper.nanos;
import static io.etp.auction.AuctionProtoMapper.optional;

import io.etp.auction.AuctionProtoMapper;
import io.etp.protocol.cluster.v1.BatteryAvailability;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Maps the battery context's records to and from their cluster protobuf form (etp/cluster/v1/battery.proto). */
public final class BatteryProtoMapper {

  private BatteryProtoMapper() {}

  // ---- values

  public static io.etp.protocol.cluster.v1.BatterySpec toProto(BatterySpec s) {
    return io.etp.protocol.cluster.v1.BatterySpec.newBuilder()
        .setCapacityKwh(s.capacityKwh()).setRemainingKwh(s.remainingKwh()).setPercentageForSale(s.percentageForSale())
        .setHealth(s.health()).setVoltageV(s.voltageV()).setDischargeRateKw(s.dischargeRateKw()).build();
  }

  public static BatterySpec fromProto(io.etp.protocol.cluster.v1.BatterySpec p) {
    return new BatterySpec(p.getCapacityKwh(), p.getRemainingKwh(), p.getPercentageForSale(), p.getHealth(),
        p.getVoltageV(), p.getDischargeRateKw());
  }

  public static io.etp.protocol.cluster.v1.AcceptanceCriteria toProto(AcceptanceCriteria c) {
    return io.etp.protocol.cluster.v1.AcceptanceCriteria.newBuilder()
        .setReservePriceCPerKwh(c.reservePriceCPerKwh()).setMinReputation(c.minReputation())
        .setSafetyMarginKwh(c.safetyMarginKwh()).setMaxEnergyPerTradeKwh(c.maxEnergyPerTradeKwh()).build();
  }

  public static AcceptanceCriteria fromProto(io.etp.protocol.cluster.v1.AcceptanceCriteria p) {
    return new AcceptanceCriteria(p.getReservePriceCPerKwh(), p.getMinReputation(), p.getSafetyMarginKwh(),
        p.getMaxEnergyPerTradeKwh());
  }

  public static BatteryAvailability toProto(Availability a) {
    return switch (a) {
      case UNREGISTERED -> BatteryAvailability.BATTERY_AVAILABILITY_UNREGISTERED;
      case ONLINE -> BatteryAvailability.BATTERY_AVAILABILITY_ONLINE;
      case FAILED -> BatteryAvailability.BATTERY_AVAILABILITY_FAILED;
      case TERMINATED -> BatteryAvailability.BATTERY_AVAILABILITY_TERMINATED;
    };
  }

  public static Availability fromProto(BatteryAvailability a) {
    return switch (a) {
      case BATTERY_AVAILABILITY_ONLINE -> Availability.ONLINE;
      case BATTERY_AVAILABILITY_FAILED -> Availability.FAILED;
      case BATTERY_AVAILABILITY_TERMINATED -> Availability.TERMINATED;
      case BATTERY_AVAILABILITY_UNREGISTERED -> Availability.UNREGISTERED;
      default -> throw new IllegalArgumentException("unknown availability " + a);
    };
  }

  public static io.etp.protocol.cluster.v1.TradingRecord toProto(TradingRecord r) {
    return io.etp.protocol.cluster.v1.TradingRecord.newBuilder()
        .setConfirmed(r.confirmed()).setMissed(r.missed()).setRejected(r.rejected()).build();
  }

  public static TradingRecord fromProto(io.etp.protocol.cluster.v1.TradingRecord p) {
    return new TradingRecord(p.getConfirmed(), p.getMissed(), p.getRejected());
  }

  public static io.etp.protocol.cluster.v1.OpenAuction toProto(Battery.OpenAuction o) {
    return io.etp.protocol.cluster.v1.OpenAuction.newBuilder()
        .setAuctionId(o.auctionId()).setLotKwh(o.lotKwh().toDouble()).setLotKwhDecimal(o.lotKwh().toString())
        .setReservePriceCPerKwh(o.reservePriceCPerKwh().toDouble())
        .setReservePriceCPerKwhDecimal(o.reservePriceCPerKwh().toString())
        .setMechanism(AuctionProtoMapper.toProto(o.mechanism()))
        .setOpenedAtUnixNanos(nanos(o.openedAt())).setClosesAtUnixNanos(nanos(o.closesAt()))
        .setWinnerId(o.winnerId().orElse("")).addAllBidders(o.bidders()).build();
  }

  public static Battery.OpenAuction fromProto(io.etp.protocol.cluster.v1.OpenAuction p) {
    return new Battery.OpenAuction(p.getAuctionId(), AuctionProtoMapper.energy(p.getLotKwhDecimal(), p.getLotKwh()),
        AuctionProtoMapper.price(p.getReservePriceCPerKwhDecimal(), p.getReservePriceCPerKwh()),
        AuctionProtoMapper.fromProto(p.getMechanism()), instant(p.getOpenedAtUnixNanos()),
        instant(p.getClosesAtUnixNanos()), optional(p.getWinnerId()), p.getBiddersList());
  }

  public static io.etp.protocol.cluster.v1.BatteryState toProto(Battery.State s) {
    var b = io.etp.protocol.cluster.v1.BatteryState.newBuilder()
        .setBatteryId(s.batteryId()).setAvailability(toProto(s.availability())).setSpec(toProto(s.spec()))
        .setOfferedKwh(s.offeredKwh()).setSoldKwh(s.soldKwh()).setCriteria(toProto(s.criteria()))
        .setRules(AuctionProtoMapper.toProto(s.rules())).setAuctionsOpened(s.auctionsOpened());
    s.openAuction().ifPresent(o -> b.setOpenAuction(toProto(o)));
    s.records().forEach((k, v) -> b.putRecords(k, toProto(v)));
    s.lastOutcome().ifPresent(o -> b.setLastOutcome(AuctionProtoMapper.toProto(o)));
    return b.build();
  }

  public static Battery.State fromProto(io.etp.protocol.cluster.v1.BatteryState p) {
    Map<String, TradingRecord> records = new HashMap<>();
    p.getRecordsMap().forEach((k, v) -> records.put(k, fromProto(v)));
    return new Battery.State(p.getBatteryId(), fromProto(p.getAvailability()), fromProto(p.getSpec()),
        p.getOfferedKwh(), p.getSoldKwh(), fromProto(p.getCriteria()), AuctionProtoMapper.fromProto(p.getRules()),
        p.hasOpenAuction() ? Optional.of(fromProto(p.getOpenAuction())) : Optional.empty(), p.getAuctionsOpened(),
        records, p.hasLastOutcome() ? Optional.of(AuctionProtoMapper.fromProto(p.getLastOutcome())) : Optional.empty());
  }

  // ---- events

  public static com.google.protobuf.Message toProto(Battery.Event event) {
    if (event instanceof Battery.Registered e) {
      return io.etp.protocol.cluster.v1.BatteryRegistered.newBuilder().setSpec(toProto(e.spec()))
          .setAtUnixNanos(nanos(e.at())).build();
    } else if (event instanceof Battery.CriteriaChanged e) {
      return io.etp.protocol.cluster.v1.BatteryCriteriaChanged.newBuilder().setCriteria(toProto(e.criteria()))
          .setAtUnixNanos(nanos(e.at())).build();
    } else if (event instanceof Battery.AuctionRulesChanged e) {
      return io.etp.protocol.cluster.v1.BatteryAuctionRulesChanged.newBuilder()
          .setRules(AuctionProtoMapper.toProto(e.rules())).setAtUnixNanos(nanos(e.at())).build();
    } else if (event instanceof Battery.AuctionOpened e) {
      return io.etp.protocol.cluster.v1.BatteryAuctionOpened.newBuilder().setAuctionId(e.auctionId())
          .setLotKwh(e.lotKwh().toDouble()).setLotKwhDecimal(e.lotKwh().toString())
          .setReservePriceCPerKwh(e.reservePriceCPerKwh().toDouble())
          .setReservePriceCPerKwhDecimal(e.reservePriceCPerKwh().toString())
          .setMechanism(AuctionProtoMapper.toProto(e.mechanism())).setAtUnixNanos(nanos(e.at()))
          .setClosesAtUnixNanos(nanos(e.closesAt())).build();
    } else if (event instanceof Battery.WinnerChosen e) {
      return io.etp.protocol.cluster.v1.BatteryWinnerChosen.newBuilder().setAuctionId(e.auctionId())
          .setWinnerId(e.winnerId()).setPriceCPerKwh(e.priceCPerKwh().toDouble())
          .setPriceCPerKwhDecimal(e.priceCPerKwh().toString()).setEnergyKwh(e.energyKwh().toDouble())
          .setEnergyKwhDecimal(e.energyKwh().toString())
          .addAllBidders(e.bidders()).setAtUnixNanos(nanos(e.at())).build();
    } else if (event instanceof Battery.ConfirmMissed e) {
      return io.etp.protocol.cluster.v1.BatteryConfirmMissed.newBuilder().setAuctionId(e.auctionId())
          .setAggregatorId(e.aggregatorId()).setAtUnixNanos(nanos(e.at())).build();
    } else if (event instanceof Battery.TradeConfirmed e) {
      return io.etp.protocol.cluster.v1.BatteryTradeConfirmed.newBuilder().setAuctionId(e.auctionId())
          .setAggregatorId(e.aggregatorId()).setEnergyKwh(e.energyKwh().toDouble())
          .setEnergyKwhDecimal(e.energyKwh().toString()).setPriceCPerKwh(e.priceCPerKwh().toDouble())
          .setPriceCPerKwhDecimal(e.priceCPerKwh().toString())
          .setAtUnixNanos(nanos(e.at())).build();
    } else if (event instanceof Battery.AuctionEnded e) {
      return io.etp.protocol.cluster.v1.BatteryAuctionEnded.newBuilder()
          .setOutcome(AuctionProtoMapper.toProto(e.outcome())).build();
    } else if (event instanceof Battery.HealthChanged e) {
      return io.etp.protocol.cluster.v1.BatteryHealthChanged.newBuilder().setHealth(e.health())
          .setAtUnixNanos(nanos(e.at())).build();
    } else if (event instanceof Battery.DeviceFailed e) {
      return io.etp.protocol.cluster.v1.BatteryDeviceFailed.newBuilder().setDetail(e.detail())
          .setAtUnixNanos(nanos(e.at())).build();
    } else if (event instanceof Battery.Terminated e) {
      return io.etp.protocol.cluster.v1.BatteryTerminated.newBuilder().setAtUnixNanos(nanos(e.at())).build();
    }
    throw new IllegalArgumentException("unknown battery event " + event);
  }

  public static Battery.Event fromProto(com.google.protobuf.Message message) {
    if (message instanceof io.etp.protocol.cluster.v1.BatteryRegistered p) {
      return new Battery.Registered(fromProto(p.getSpec()), instant(p.getAtUnixNanos()));
    } else if (message instanceof io.etp.protocol.cluster.v1.BatteryCriteriaChanged p) {
      return new Battery.CriteriaChanged(fromProto(p.getCriteria()), instant(p.getAtUnixNanos()));
    } else if (message instanceof io.etp.protocol.cluster.v1.BatteryAuctionRulesChanged p) {
      return new Battery.AuctionRulesChanged(AuctionProtoMapper.fromProto(p.getRules()), instant(p.getAtUnixNanos()));
    } else if (message instanceof io.etp.protocol.cluster.v1.BatteryAuctionOpened p) {
      return new Battery.AuctionOpened(p.getAuctionId(), AuctionProtoMapper.energy(p.getLotKwhDecimal(), p.getLotKwh()),
          AuctionProtoMapper.price(p.getReservePriceCPerKwhDecimal(), p.getReservePriceCPerKwh()),
          AuctionProtoMapper.fromProto(p.getMechanism()), instant(p.getAtUnixNanos()),
          instant(p.getClosesAtUnixNanos()));
    } else if (message instanceof io.etp.protocol.cluster.v1.BatteryWinnerChosen p) {
      return new Battery.WinnerChosen(p.getAuctionId(), p.getWinnerId(),
          AuctionProtoMapper.price(p.getPriceCPerKwhDecimal(), p.getPriceCPerKwh()),
          AuctionProtoMapper.energy(p.getEnergyKwhDecimal(), p.getEnergyKwh()),
          p.getBiddersList(), instant(p.getAtUnixNanos()));
    } else if (message instanceof io.etp.protocol.cluster.v1.BatteryConfirmMissed p) {
      return new Battery.ConfirmMissed(p.getAuctionId(), p.getAggregatorId(), instant(p.getAtUnixNanos()));
    } else if (message instanceof io.etp.protocol.cluster.v1.BatteryTradeConfirmed p) {
      return new Battery.TradeConfirmed(p.getAuctionId(), p.getAggregatorId(),
          AuctionProtoMapper.energy(p.getEnergyKwhDecimal(), p.getEnergyKwh()),
          AuctionProtoMapper.price(p.getPriceCPerKwhDecimal(), p.getPriceCPerKwh()), instant(p.getAtUnixNanos()));
    } else if (message instanceof io.etp.protocol.cluster.v1.BatteryAuctionEnded p) {
      return new Battery.AuctionEnded(AuctionProtoMapper.fromProto(p.getOutcome()));
    } else if (message instanceof io.etp.protocol.cluster.v1.BatteryHealthChanged p) {
      return new Battery.HealthChanged(p.getHealth(), instant(p.getAtUnixNanos()));
    } else if (message instanceof io.etp.protocol.cluster.v1.BatteryDeviceFailed p) {
      return new Battery.DeviceFailed(p.getDetail(), instant(p.getAtUnixNanos()));
    } else if (message instanceof io.etp.protocol.cluster.v1.BatteryTerminated p) {
      return new Battery.Terminated(instant(p.getAtUnixNanos()));
    }
    throw new IllegalArgumentException("not a battery event " + message.getClass());
  }
}
