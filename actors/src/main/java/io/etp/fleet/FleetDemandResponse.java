package io.etp.fleet;

import io.etp.marketdata.DemandResponseEvent;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Where the simulated fleet's demand-response events come from (the OpenADR feed) and which batteries each area (an
 * OpenADR program) holds.
 *
 * @param events          a fresh event source per fleet start
 * @param batteriesOfArea program id to battery ids
 */
public record FleetDemandResponse(Supplier<Source<DemandResponseEvent, NotUsed>> events,
    Map<String, Set<String>> batteriesOfArea) {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("io.etp.fleet.demand-response");

  /** No demand response: every battery offers its configured share. */
  public static final FleetDemandResponse NONE = new FleetDemandResponse(Source::empty, Map.of());

  public FleetDemandResponse {
    Objects.requireNonNull(events, "events");
    batteriesOfArea = Map.copyOf(batteriesOfArea);
  }

  /**
   * Runs the events into the returned reference for as long as the fleet actor lives (the stream's materializer is
   * bound to it); each new or modified event replaces the immutable {@link DemandResponseOffers} value.
   */
  AtomicReference<DemandResponseOffers> start(ActorContext<?> ctx) {
    AtomicReference<DemandResponseOffers> offers = new AtomicReference<>(new DemandResponseOffers(batteriesOfArea));
    events.get().runWith(Sink.foreach(e -> {
      offers.updateAndGet(d -> d.with(e));
      LOG.info("demand-response event {} of {}: {} .. {}", e.id(), e.programId(), e.start(), e.end());
    }), Materializer.createMaterializer(ctx));
    return offers;
  }
}
