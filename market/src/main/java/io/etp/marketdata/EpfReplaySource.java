package io.etp.marketdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.ActorAttributes;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Replays an epftoolbox day-ahead CSV (read strictly by {@link EpfDataset}) as hourly {@link PricePoint}s, paced by
 * {@link ReplaySpeed}. Labels that do not exist in the label time zone are rejected and recorded in the
 * {@link IngestReport} as {@link IssueKind#NONEXISTENT_LOCAL_TIME}; nothing else is altered.
 */
public final class EpfReplaySource {

  private static final Duration HOUR = Duration.ofHours(1);

  private EpfReplaySource() {}

  /**
   * Reads {@code csv} when the stream is materialized (on the blocking-IO dispatcher) and replays it. A malformed file
   * fails the stream with {@link UncheckedIOException} wrapping {@link EpfDataset.MalformedEpfFileException}.
   */
  public static Source<PricePoint, NotUsed> fromFile(Path csv, EpfReplaySettings settings, IngestReport report) {
    Source<EpfDataset, NotUsed> dataset = Source.lazySingle(() -> {
      try {
        return EpfDataset.read(csv);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).withAttributes(ActorAttributes.dispatcher(ActorAttributes.IODispatcher().dispatcher()));
    Source<PricePoint, NotUsed> points = dataset.flatMapConcat(d -> unpaced(d.observations(), settings, report));
    return ReplayPacing.paced(points, settings.speed());
  }

  /** Replays an already loaded dataset. */
  public static Source<PricePoint, NotUsed> fromDataset(EpfDataset dataset, EpfReplaySettings settings, IngestReport report) {
    return ReplayPacing.paced(unpaced(dataset.observations(), settings, report), settings.speed());
  }

  private static Source<PricePoint, NotUsed> unpaced(
      List<EpfObservation> observations, EpfReplaySettings settings, IngestReport report) {
    String sourceName = "epf-replay:" + settings.zone();
    return Source.lazySource(() -> {
      LocalTimeResolver resolver = new LocalTimeResolver(settings.labelTimeZone());
      return Source.from(observations).mapConcat(observation -> resolver.resolve(observation.hourStart())
          .map(start -> List.of(new PricePoint(settings.zone(), start, HOUR, observation.price(), settings.currency())))
          .orElseGet(() -> {
            report.record(sourceName, new IngestIssue.NonexistentLocalTime(
                settings.zone(), observation.hourStart(), settings.labelTimeZone()));
            return List.of();
          }));
    }).mapMaterializedValue(m -> NotUsed.getInstance());
  }
}
