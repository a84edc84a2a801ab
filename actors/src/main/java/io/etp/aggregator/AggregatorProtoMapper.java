package io.etp.aggregator;

import static io.etp.auction.AuctionProtoMapper.instant;
import static io.etp.auction.AuctionProtoMapper.nanos;

import io.etp.auction.AuctionProtoMapper;

import io.etp.protocol.cluster.v1.AggregatorBatteryRecord;
import io.etp.protocol.cluster.v1.AggregatorBidConfirmed;
import io.etp.protocol.cluster.v1.AggregatorNegotiationEnded;
import io.etp.protocol.cluster.v1.AggregatorPaused;
import io.etp.protocol.cluster.v1.AggregatorResumed;
import io.etp.protocol.cluster.v1.AggregatorStrategyChanged;
import io.etp.protocol.cluster.v1.AggregatorTargetsSet;
import io.etp.protocol.cluster.v1.AggregatorTrade;
import io.etp.protocol.cluster.v1.BiddingStrategyKind;
import java.util.HashMap;
import java.util.Map;

/** Maps the aggregator context's records to and from their cluster protobuf form (etp/cluster/v1/aggregator.proto). */
public final class AggregatorProtoMapper {

  private AggregatorProtoMapper() {}

  public static BiddingStrategyKind toProto(StrategyKind k) {
    return switch (k) {
      case FIXED_INCREMENT -> BiddingStrategyKind.BIDDING_STRATEGY_KIND_FIXED_INCREMENT;
      case VALUE_BASED -> BiddingStrategyKind.BIDDING_STRATEGY_KIND_VALUE_BASED;
      case ADAPTIVE -> BiddingStrategyKind.BIDDING_STRATEGY_KIND_ADAPTIVE;
    };
  }

  public static StrategyKind fromProto(BiddingStrategyKind k) {
    return switch (k) {
      case BIDDING_STRATEGY_KIND_FIXED_INCREMENT -> StrategyKind.FIXED_INCREMENT;
      case BIDDING_STRATEGY_KIND_VALUE_BASED -> StrategyKind.VALUE_BASED;
      case BIDDING_STRATEGY_KIND_ADAPTIVE -> StrategyKind.ADAPTIVE;
      default -> throw new IllegalArgumentException("unknown strategy " + k);
    };
  }

  public static io.etp.protocol.cluster.v1.StrategyParams toProto(StrategyParams p) {
    return io.etp.protocol.cluster.v1.StrategyParams.newBuilder()
        .setStartPriceCPerKwh(p.startPriceCPerKwh()).setIncrementCPerKwh(p.incrementCPerKwh())
        .setMarginCPerKwh(p.marginCPerKwh()).setTargetSuccessRate(p.targetSuccessRate()).build();
  }

  public static StrategyParams fromProto(io.etp.protocol.cluster.v1.StrategyParams p) {
    return new StrategyParams(p.getStartPriceCPerKwh(), p.getIncrementCPerKwh(), p.getMarginCPerKwh(),
        p.getTargetSuccessRate());
  }

  public static io.etp.protocol.cluster.v1.AggregatorState toProto(Aggregator.State s) {
    var b = io.etp.protocol.cluster.v1.AggregatorState.newBuilder()
        .setAggregatorId(s.aggregatorId()).setConfigured(s.configured()).setRequirementKwh(s.requirementKwh())
        .setMaxPriceCPerKwh(s.maxPriceCPerKwh()).setBudgetC(s.budgetC()).setStrategy(toProto(s.strategy()))
        .setStrategyParams(toProto(s.strategyParams())).setPaused(s.paused()).setBoughtKwh(s.boughtKwh())
        .setSpentC(s.spentC()).setAuctions(s.auctions()).setWon(s.won())
        .setMeanClearingPriceCPerKwh(s.meanClearingPriceCPerKwh()).setObservedPrices(s.observedPrices());
    s.records().forEach((k, r) -> b.putRecords(k, AggregatorBatteryRecord.newBuilder().setAuctions(r.auctions())
        .setWon(r.won()).setLastClearingPriceCPerKwh(r.lastClearingPriceCPerKwh()).build()));
    s.unsettled().forEach((k, t) -> b.putUnsettled(k, AggregatorTrade.newBuilder().setBatteryId(t.batteryId())
        .setAuctionId(t.auctionId()).setEnergyKwh(t.energyKwh().toDouble())
        .setEnergyKwhDecimal(t.energyKwh().toString()).setPriceCPerKwh(t.priceCPerKwh().toDouble())
        .setPriceCPerKwhDecimal(t.priceCPerKwh().toString()).build()));
    return b.build();
  }

  public static Aggregator.State fromProto(io.etp.protocol.cluster.v1.AggregatorState p) {
    Map<String, Aggregator.BatteryRecord> records = new HashMap<>();
    p.getRecordsMap().forEach((k, r) ->
        records.put(k, new Aggregator.BatteryRecord(r.getAuctions(), r.getWon(), r.getLastClearingPriceCPerKwh())));
    Map<String, Aggregator.Trade> unsettled = new HashMap<>();
    p.getUnsettledMap().forEach((k, t) -> unsettled.put(k,
        new Aggregator.Trade(t.getBatteryId(), t.getAuctionId(),
            AuctionProtoMapper.energy(t.getEnergyKwhDecimal(), t.getEnergyKwh()),
            AuctionProtoMapper.price(t.getPriceCPerKwhDecimal(), t.getPriceCPerKwh()))));
    return new Aggregator.State(p.getAggregatorId(), p.getConfigured(), p.getRequirementKwh(),
        p.getMaxPriceCPerKwh(), p.getBudgetC(), fromProto(p.getStrategy()), fromProto(p.getStrategyParams()),
        p.getPaused(), p.getBoughtKwh(), p.getSpentC(), p.getAuctions(), p.getWon(), p.getMeanClearingPriceCPerKwh(),
        p.getObservedPrices(), records, unsettled);
  }

  public static com.google.protobuf.Message toProto(Aggregator.Event event) {
    if (event instanceof Aggregator.TargetsSet e) {
      return AggregatorTargetsSet.newBuilder().setRequirementKwh(e.requirementKwh())
          .setMaxPriceCPerKwh(e.maxPriceCPerKwh()).setBudgetC(e.budgetC()).setAtUnixNanos(nanos(e.at())).build();
    } else if (event instanceof Aggregator.StrategyChanged e) {
      return AggregatorStrategyChanged.newBuilder().setKind(toProto(e.kind())).setParams(toProto(e.params()))
          .setAtUnixNanos(nanos(e.at())).build();
    } else if (event instanceof Aggregator.Paused e) {
      return AggregatorPaused.newBuilder().setAtUnixNanos(nanos(e.at())).build();
    } else if (event instanceof Aggregator.Resumed e) {
      return AggregatorResumed.newBuilder().setAtUnixNanos(nanos(e.at())).build();
    } else if (event instanceof Aggregator.BidConfirmed e) {
      return AggregatorBidConfirmed.newBuilder().setBatteryId(e.batteryId()).setAuctionId(e.auctionId())
          .setEnergyKwh(e.energyKwh().toDouble()).setEnergyKwhDecimal(e.energyKwh().toString())
          .setPriceCPerKwh(e.priceCPerKwh().toDouble()).setPriceCPerKwhDecimal(e.priceCPerKwh().toString())
          .setAtUnixNanos(nanos(e.at())).build();
    } else if (event instanceof Aggregator.NegotiationEnded e) {
      return AggregatorNegotiationEnded.newBuilder().setBatteryId(e.batteryId()).setAuctionId(e.auctionId())
          .setCode(e.code()).setClearingPriceCPerKwh(e.clearingPriceCPerKwh()).setAtUnixNanos(nanos(e.at())).build();
    }
    throw new IllegalArgumentException("unknown aggregator event " + event);
  }

  public static Aggregator.Event fromProto(com.google.protobuf.Message message) {
    if (message instanceof AggregatorTargetsSet p) {
      return new Aggregator.TargetsSet(p.getRequirementKwh(), p.getMaxPriceCPerKwh(), p.getBudgetC(),
          instant(p.getAtUnixNanos()));
    } else if (message instanceof AggregatorStrategyChanged p) {
      return new Aggregator.StrategyChanged(fromProto(p.getKind()), fromProto(p.getParams()),
          instant(p.getAtUnixNanos()));
    } else if (message instanceof AggregatorPaused p) {
      return new Aggregator.Paused(instant(p.getAtUnixNanos()));
    } else if (message instanceof AggregatorResumed p) {
      return new Aggregator.Resumed(instant(p.getAtUnixNanos()));
    } else if (message instanceof AggregatorBidConfirmed p) {
      return new Aggregator.BidConfirmed(p.getBatteryId(), p.getAuctionId(),
          AuctionProtoMapper.energy(p.getEnergyKwhDecimal(), p.getEnergyKwh()),
          AuctionProtoMapper.price(p.getPriceCPerKwhDecimal(), p.getPriceCPerKwh()), instant(p.getAtUnixNanos()));
    } else if (message instanceof AggregatorNegotiationEnded p) {
      return new Aggregator.NegotiationEnded(p.getBatteryId(), p.getAuctionId(), p.getCode(),
          p.getClearingPriceCPerKwh(), instant(p.getAtUnixNanos()));
    }
    throw new IllegalArgumentException("not an aggregator event " + message.getClass());
  }
}
