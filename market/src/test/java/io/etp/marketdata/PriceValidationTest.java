package io.etp.marketdata;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PriceValidationTest {

  private static final Instant T0 = Instant.parse("2024-06-03T00:00:00Z");

  private final ActorSystem system = ActorSystem.create("price-validation-test");

  @AfterAll
  void stop() {
    system.terminate();
  }

  private static PricePoint at(int hour, double price) {
    return new PricePoint("NP", T0.plus(Duration.ofHours(hour)), Duration.ofHours(1), price, Currency.getInstance("EUR"));
  }

  private static final List<PricePoint> MESSY = List.of(at(0, 30), at(1, 31), at(1, 35), at(4, 33), at(5, 33), at(5, 33));

  @Test
  void everyPointInYieldsOneVerdictOutAndEveryIssueIsCountedPerSourceAndKind() throws Exception {
    IngestReport report = new IngestReport();

    List<ValidatedPrice> verdicts = Source.from(MESSY)
        .via(PriceValidation.flow(ValidationSettings.defaults(), report, "replay:NP"))
        .runWith(Sink.seq(), system).toCompletableFuture().get(60, SECONDS);

    assertEquals(MESSY, verdicts.stream().map(ValidatedPrice::point).toList());
    assertEquals(Map.of("replay:NP", Map.of(IssueKind.DUPLICATE_CONFLICTING, 1L, IssueKind.GAP, 1L,
        IssueKind.DUPLICATE_IDENTICAL, 1L)), report.counts());
    assertEquals(3, report.recent().size());
  }

  @Test
  void acceptedOnlyPassesTheCleanSeriesAndTheRejectionsStayCounted() throws Exception {
    IngestReport report = new IngestReport();

    List<PricePoint> accepted = Source.from(MESSY)
        .via(PriceValidation.acceptedOnly(ValidationSettings.defaults(), report, "replay:NP"))
        .runWith(Sink.seq(), system).toCompletableFuture().get(60, SECONDS);

    assertEquals(List.of(at(0, 30), at(1, 31), at(4, 33), at(5, 33)), accepted);
    assertEquals(MESSY.size() - accepted.size(), report.count("replay:NP", IssueKind.DUPLICATE_CONFLICTING)
        + report.count("replay:NP", IssueKind.DUPLICATE_IDENTICAL));
  }
}
