package io.etp.battery;

import static io.etp.auction.AuctionProtoMapper.instant;
import static io.etp.auction.AuctionProtoMapper.nanos;
import static io.etp.auction.AuctionProtoMapper.optional;

import io.etp.auction.AuctionProtoMapper;
import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import io.etp.protocol.cluster.v1.BatteryAvailability;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    b.setSchedule(toProto(s.schedule()));
    return b.build();
  }

  public static Battery.State fromProto(io.etp.protocol.cluster.v1.BatteryState p) {
    Map<String, TradingRecord> records = new HashMap<>();
    p.getRecordsMap().forEach((k, v) -> records.put(k, fromProto(v)));
    return new Battery.State(p.getBatteryId(), fromProto(p.getAvailability()), fromProto(p.getSpec()),
        p.getOfferedKwh(), p.getSoldKwh(), fromProto(p.getCriteria()), AuctionProtoMapper.fromProto(p.getRules()),
        p.hasOpenAuction() ? Optional.of(fromProto(p.getOpenAuction())) : Optional.empty(), p.getAuctionsOpened(),
        records, p.hasLastOutcome() ? Optional.of(AuctionProtoMapper.fromProto(p.getLastOutcome())) : Optional.empty(),
        p.hasSchedule() ? fromProto(p.getSchedule()) : legacySchedule(p));
  }

  /**
   * A snapshot from before schedules: the battery holds its spec's remaining energy (trades already subtracted)
   * under the default storage settings' limits, nothing pending.
   */
  private static DeliverySchedule legacySchedule(io.etp.protocol.cluster.v1.BatteryState p) {
    if (fromProto(p.getAvailability()) == Availability.UNREGISTERED) return Battery.State.emptySchedule();
    BatterySpec spec = fromProto(p.getSpec());
    return Battery.State.scheduleFor(StorageSettings.DEFAULTS.limitsFor(spec), spec, Instant.EPOCH);
  }

  // ---- the schedule

  public static io.etp.protocol.cluster.v1.StorageLimits toProto(StorageLimits l) {
    return io.etp.protocol.cluster.v1.StorageLimits.newBuilder()
        .setCapacityKwh(l.capacityKwh().toString()).setMinimumKwh(l.minimumKwh().toString())
        .setPowerKw(l.powerKw().toPlainString()).setRoundTripEfficiency(l.roundTripEfficiency().toPlainString())
        .build();
  }

  public static StorageLimits fromProto(io.etp.protocol.cluster.v1.StorageLimits p) {
    return new StorageLimits(EnergyKwh.parse(p.getCapacityKwh()), EnergyKwh.parse(p.getMinimumKwh()),
        new BigDecimal(p.getPowerKw()), new BigDecimal(p.getRoundTripEfficiency()));
  }

  private static io.etp.protocol.cluster.v1.EnergyTotals toProto(DeliverySchedule.Totals t) {
    return io.etp.protocol.cluster.v1.EnergyTotals.newBuilder().setCommittedKwh(t.committedKwh().toString())
        .setDeliveredKwh(t.deliveredKwh().toString()).setShortfallKwh(t.shortfallKwh().toString()).build();
  }

  private static DeliverySchedule.Totals fromProto(io.etp.protocol.cluster.v1.EnergyTotals p) {
    return new DeliverySchedule.Totals(kwh(p.getCommittedKwh()), kwh(p.getDeliveredKwh()),
        kwh(p.getShortfallKwh()));
  }

  public static io.etp.protocol.cluster.v1.DeliverySchedule toProto(DeliverySchedule s) {
    var b = io.etp.protocol.cluster.v1.DeliverySchedule.newBuilder().setLimits(toProto(s.limits()))
        .setMeasuredKwh(s.measuredKwh().toString()).setMeasuredAtUnixNanos(nanos(s.measuredAt()))
        .setDischarged(toProto(s.discharged())).setCharged(toProto(s.charged()))
        .setStoredKwh(s.storedKwh().toString());
    for (DeliverySchedule.Commitment c : s.pending()) b.addPending(toProto(c));
    return b.build();
  }

  private static io.etp.protocol.cluster.v1.ScheduledTrade toProto(DeliverySchedule.Commitment c) {
    return io.etp.protocol.cluster.v1.ScheduledTrade.newBuilder().setTradeId(c.tradeId())
        .setPeriodStartUnixNanos(nanos(c.period().start()))
        .setPeriodLengthSeconds(c.period().length().toSeconds())
        .setCharge(c.direction() == DeliverySchedule.Direction.CHARGE)
        .setEnergyKwh(c.energyKwh().toString())
        .setPriceCPerKwh(c.priceCPerKwh().map(PriceCPerKwh::toString).orElse("")).build();
  }

  private static DeliverySchedule.Commitment fromProto(io.etp.protocol.cluster.v1.ScheduledTrade t) {
    return new DeliverySchedule.Commitment(t.getTradeId(),
        new DeliveryPeriod(instant(t.getPeriodStartUnixNanos()), Duration.ofSeconds(t.getPeriodLengthSeconds())),
        t.getCharge() ? DeliverySchedule.Direction.CHARGE : DeliverySchedule.Direction.DISCHARGE,
        EnergyKwh.parse(t.getEnergyKwh()),
        t.getPriceCPerKwh().isEmpty() ? Optional.empty() : Optional.of(PriceCPerKwh.parse(t.getPriceCPerKwh())));
  }

  public static DeliverySchedule fromProto(io.etp.protocol.cluster.v1.DeliverySchedule p) {
    List<DeliverySchedule.Commitment> pending = new ArrayList<>();
    for (var t : p.getPendingList()) pending.add(fromProto(t));
    return DeliverySchedule.restore(fromProto(p.getLimits()), kwh(p.getMeasuredKwh()),
        instant(p.getMeasuredAtUnixNanos()), pending, fromProto(p.getDischarged()), fromProto(p.getCharged()),
        kwh(p.getStoredKwh()));
  }

  private static EnergyKwh kwh(String decimal) {
    return decimal.isEmpty() ? EnergyKwh.ZERO : EnergyKwh.parse(decimal);
  }

  /** The period of a persisted trade; a trade from before periods: the next 15-minute period after it. */
  private static DeliveryPeriod period(io.etp.protocol.cluster.v1.BatteryTradeConfirmed p) {
    if (p.getPeriodLengthSeconds() == 0) {
      return DeliveryPeriod.nextAfter(instant(p.getAtUnixNanos()), DeliveryPeriod.DEFAULT_PRODUCT);
    }
    return new DeliveryPeriod(instant(p.getPeriodStartUnixNanos()), Duration.ofSeconds(p.getPeriodLengthSeconds()));
  }

  // ---- events

  public static com.google.protobuf.Message toProto(Battery.Event event) {
    if (event instanceof Battery.Registered e) {
      return io.etp.protocol.cluster.v1.BatteryRegistered.newBuilder().setSpec(toProto(e.spec()))
          .setAtUnixNanos(nanos(e.at())).setLimits(toProto(e.limits())).build();
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
          .setAtUnixNanos(nanos(e.at())).setPeriodStartUnixNanos(nanos(e.period().start()))
          .setPeriodLengthSeconds(e.period().length().toSeconds()).build();
    } else if (event instanceof Battery.Delivered e) {
      var b = io.etp.protocol.cluster.v1.BatteryDelivered.newBuilder().setAtUnixNanos(nanos(e.at()));
      for (DeliverySchedule.Delivery d : e.deliveries()) {
        b.addDeliveries(io.etp.protocol.cluster.v1.TradeDelivery.newBuilder().setTrade(toProto(d.commitment()))
            .setMeteredKwh(d.meteredKwh().toString()).setDeliveredKwh(d.deliveredKwh().toString())
            .setShortfallKwh(d.shortfallKwh().toString()));
      }
      return b.build();
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
      return p.hasLimits()
          ? new Battery.Registered(fromProto(p.getSpec()), fromProto(p.getLimits()), instant(p.getAtUnixNanos()))
          : new Battery.Registered(fromProto(p.getSpec()), instant(p.getAtUnixNanos()));
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
          AuctionProtoMapper.price(p.getPriceCPerKwhDecimal(), p.getPriceCPerKwh()), instant(p.getAtUnixNanos()),
          period(p));
    } else if (message instanceof io.etp.protocol.cluster.v1.BatteryDelivered p) {
      List<DeliverySchedule.Delivery> deliveries = new ArrayList<>();
      for (var d : p.getDeliveriesList()) {
        deliveries.add(new DeliverySchedule.Delivery(fromProto(d.getTrade()), EnergyKwh.parse(d.getMeteredKwh()),
            EnergyKwh.parse(d.getDeliveredKwh()), EnergyKwh.parse(d.getShortfallKwh())));
      }
      return new Battery.Delivered(deliveries, instant(p.getAtUnixNanos()));
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
