package io.etp.marketdata;

import java.util.Optional;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Flow;

/** The price validation as a stream stage: one {@link ValidatedPrice} out per point in, issues recorded in the report. */
public final class PriceValidation {

  private PriceValidation() {}

  /** A fresh {@link PriceSeriesValidator} per materialization; every issue is recorded under {@code sourceName}. */
  public static Flow<PricePoint, ValidatedPrice, NotUsed> flow(
      ValidationSettings settings, IngestReport report, String sourceName) {
    return Flow.<PricePoint>create().statefulMap(
        () -> new PriceSeriesValidator(settings),
        (validator, point) -> {
          ValidatedPrice verdict = validator.check(point);
          verdict.issues().forEach(issue -> report.record(sourceName, issue));
          return Pair.create(validator, verdict);
        },
        validator -> Optional.empty());
  }

  /** Only the accepted points, after recording every issue (rejections included) in the report. */
  public static Flow<PricePoint, PricePoint, NotUsed> acceptedOnly(
      ValidationSettings settings, IngestReport report, String sourceName) {
    return flow(settings, report, sourceName).filter(ValidatedPrice::accepted).map(ValidatedPrice::point);
  }
}
