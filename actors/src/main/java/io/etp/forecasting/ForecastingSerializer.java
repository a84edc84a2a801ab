package io.etp.forecasting;

import com.google.protobuf.InvalidProtocolBufferException;
import io.etp.forecast.DayAheadForecast;
import io.etp.marketdata.PricePoint;
import io.etp.protocol.cluster.v1.DayAheadForecastMessage;
import io.etp.protocol.cluster.v1.DayClosedMessage;
import io.etp.protocol.cluster.v1.ForecastIssuedMessage;
import io.etp.protocol.cluster.v1.ForecasterGetLatest;
import io.etp.protocol.cluster.v1.ForecasterLatest;
import io.etp.protocol.cluster.v1.ForecasterSubscribe;
import io.etp.protocol.cluster.v1.HourObservedMessage;
import io.etp.protocol.cluster.v1.PipelineDayResult;
import io.etp.protocol.cluster.v1.PipelineGetResults;
import io.etp.protocol.cluster.v1.PipelineResults;
import io.etp.pipeline.DayResult;
import io.etp.risk.RiskReason;
import java.util.EnumMap;
import java.util.Map;
import java.io.NotSerializableException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Optional;
import io.etp.serialization.ActorRefAwareSerializer;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Protobuf serialization of the zone forecaster's and the decision pipeline's cluster messages
 * (etp/cluster/v1/forecasting.proto), so that subscribers and REST routes on other nodes can reach the singletons and
 * receive their forecasts and results. Bound in reference.conf; ActorRefs
 * travel as their serialized path.
 */
public final class ForecastingSerializer extends ActorRefAwareSerializer {

  public static final int IDENTIFIER = 7304;

  public ForecastingSerializer(ExtendedActorSystem system) {
    super(system, IDENTIFIER);
  }

  @Override
  public String manifest(Object o) {
    if (o instanceof ZoneForecaster.Subscribe || o instanceof ZoneForecaster.GetLatest
        || o instanceof ZoneForecaster.LatestForecast || o instanceof ZoneForecaster.ForecastIssued
        || o instanceof ZoneForecaster.DayClosed || o instanceof ZoneForecaster.HourObserved) {
      return o.getClass().getSimpleName();
    }
    if (o instanceof PipelineRunner.GetResults) {
      return "PipelineGetResults";
    }
    if (o instanceof PipelineRunner.Results) {
      return "PipelineResults";
    }
    throw new IllegalArgumentException("cannot serialize " + o.getClass());
  }

  @Override
  public byte[] toBinary(Object o) {
    if (o instanceof ZoneForecaster.Subscribe m) {
      return ForecasterSubscribe.newBuilder().setSubscriber(ref(m.subscriber())).build()
          .toByteArray();
    }
    if (o instanceof ZoneForecaster.GetLatest m) {
      return ForecasterGetLatest.newBuilder().setReplyTo(ref(m.replyTo())).build()
          .toByteArray();
    }
    if (o instanceof ZoneForecaster.LatestForecast m) {
      ForecasterLatest.Builder b = ForecasterLatest.newBuilder().setZone(m.zone());
      m.forecast().ifPresent(f -> b.setForecast(toProto(f)));
      return b.build().toByteArray();
    }
    if (o instanceof ZoneForecaster.ForecastIssued m) {
      return ForecastIssuedMessage.newBuilder().setForecast(toProto(m.forecast())).build().toByteArray();
    }
    if (o instanceof ZoneForecaster.DayClosed m) {
      return DayClosedMessage.newBuilder().setZone(m.zone()).setDay(m.day().toString())
          .addAllPricesPerMwh(m.pricesPerMwh()).build().toByteArray();
    }
    if (o instanceof ZoneForecaster.HourObserved m) {
      PricePoint p = m.point();
      return HourObservedMessage.newBuilder().setZone(p.zone()).setStartMs(p.start().toEpochMilli())
          .setResolutionS(p.resolution().toSeconds()).setPricePerMwh(p.pricePerMwh())
          .setCurrency(p.currency().getCurrencyCode()).build().toByteArray();
    }
    if (o instanceof PipelineRunner.GetResults m) {
      return PipelineGetResults.newBuilder().setReplyTo(ref(m.replyTo())).build().toByteArray();
    }
    if (o instanceof PipelineRunner.Results m) {
      PipelineResults.Builder b = PipelineResults.newBuilder();
      m.days().forEach(d -> b.addDays(toProto(d)));
      return b.build().toByteArray();
    }
    throw new IllegalArgumentException("cannot serialize " + o.getClass());
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    try {
      return switch (manifest) {
        case "Subscribe" -> new ZoneForecaster.Subscribe(
            ref(ForecasterSubscribe.parseFrom(bytes).getSubscriber()));
        case "GetLatest" -> new ZoneForecaster.GetLatest(ref(ForecasterGetLatest.parseFrom(bytes).getReplyTo()));
        case "LatestForecast" -> {
          var p = ForecasterLatest.parseFrom(bytes);
          yield new ZoneForecaster.LatestForecast(p.getZone(),
              p.hasForecast() ? Optional.of(fromProto(p.getForecast())) : Optional.empty());
        }
        case "ForecastIssued" -> new ZoneForecaster.ForecastIssued(
            fromProto(ForecastIssuedMessage.parseFrom(bytes).getForecast()));
        case "DayClosed" -> {
          var p = DayClosedMessage.parseFrom(bytes);
          yield new ZoneForecaster.DayClosed(p.getZone(), LocalDate.parse(p.getDay()), p.getPricesPerMwhList());
        }
        case "HourObserved" -> {
          var p = HourObservedMessage.parseFrom(bytes);
          yield new ZoneForecaster.HourObserved(new PricePoint(p.getZone(), Instant.ofEpochMilli(p.getStartMs()),
              Duration.ofSeconds(p.getResolutionS()), p.getPricePerMwh(), Currency.getInstance(p.getCurrency())));
        }
        case "PipelineGetResults" -> new PipelineRunner.GetResults(
            ref(PipelineGetResults.parseFrom(bytes).getReplyTo()));
        case "PipelineResults" -> new PipelineRunner.Results(PipelineResults.parseFrom(bytes).getDaysList().stream()
            .map(ForecastingSerializer::fromProto).toList());
        default -> throw new NotSerializableException("unknown forecasting manifest " + manifest);
      };
    } catch (InvalidProtocolBufferException e) {
      NotSerializableException n = new NotSerializableException("corrupt " + manifest + ": " + e.getMessage());
      n.initCause(e);
      throw n;
    }
  }

  static DayAheadForecastMessage toProto(DayAheadForecast f) {
    return DayAheadForecastMessage.newBuilder().setZone(f.zone()).setDeliveryDay(f.deliveryDay().toString())
        .addAllPricesPerMwh(f.pricesPerMwh()).setCurrency(f.currency()).setModel(f.model())
        .setIssuedAtMs(f.issuedAt().toEpochMilli()).build();
  }

  static PipelineDayResult toProto(DayResult d) {
    PipelineDayResult.Builder b = PipelineDayResult.newBuilder().setZone(d.zone()).setDay(d.day().toString())
        .setModel(d.model()).setCurrency(d.currency()).setForecastMaePerMwh(d.forecastMaePerMwh())
        .setBatteries(d.batteries()).setInfeasible(d.infeasible()).setBidsSubmitted(d.bidsSubmitted())
        .setSoldKwh(d.soldKwh()).setBoughtKwh(d.boughtKwh()).setRevenue(d.revenue())
        .setMeanClearingPerMwh(d.meanClearingPerMwh()).setMeanRealPerMwh(d.meanRealPerMwh());
    d.rejectedByReason().forEach((reason, count) -> b.putRejectedByReason(reason.name(), count));
    return b.build();
  }

  static DayResult fromProto(PipelineDayResult p) {
    Map<RiskReason, Integer> rejected = new EnumMap<>(RiskReason.class);
    p.getRejectedByReasonMap().forEach((reason, count) -> rejected.put(RiskReason.valueOf(reason), count));
    return new DayResult(p.getZone(), LocalDate.parse(p.getDay()), p.getModel(), p.getCurrency(),
        p.getForecastMaePerMwh(), p.getBatteries(), p.getInfeasible(), p.getBidsSubmitted(), rejected, p.getSoldKwh(),
        p.getBoughtKwh(), p.getRevenue(), p.getMeanClearingPerMwh(), p.getMeanRealPerMwh());
  }

  static DayAheadForecast fromProto(DayAheadForecastMessage p) {
    return new DayAheadForecast(p.getZone(), LocalDate.parse(p.getDeliveryDay()), p.getPricesPerMwhList(),
        p.getCurrency(), p.getModel(), Instant.ofEpochMilli(p.getIssuedAtMs()));
  }
}
