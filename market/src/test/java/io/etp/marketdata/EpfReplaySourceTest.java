package io.etp.marketdata;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EpfReplaySourceTest {

  private final ActorSystem system = ActorSystem.create("epf-replay-test");

  @AfterAll
  void stop() {
    system.terminate();
  }

  private static Path epf(String name) {
    return Path.of(System.getProperty("etp.epf.dir"), name);
  }

  private static EpfDataset dataset(String csvBody) throws Exception {
    return EpfDataset.read("T", new StringReader("Date, Price, a, b\n" + csvBody));
  }

  private <T> List<T> run(org.apache.pekko.stream.javadsl.Source<T, ?> source) throws Exception {
    return source.runWith(Sink.seq(), system).toCompletableFuture().get(60, SECONDS);
  }

  @Test
  void replaysTheWholeNordPoolFileAsFastAsPossibleAsAValidHourlySeries() throws Exception {
    IngestReport report = new IngestReport();
    var settings = EpfReplaySettings.defaults("NP");

    List<ValidatedPrice> verdicts = run(EpfReplaySource.fromFile(epf("NP.csv"), settings, report)
        .via(PriceValidation.flow(ValidationSettings.defaults(), report, "epf-replay:NP")));

    assertEquals(52416, verdicts.size());
    assertEquals(new PricePoint("NP", Instant.parse("2013-01-01T00:00:00Z"), Duration.ofHours(1), 31.05,
        Currency.getInstance("EUR")), verdicts.get(0).point());
    assertTrue(verdicts.stream().allMatch(ValidatedPrice::accepted), "the file has one row per hour, no repeats");
    assertEquals(0, report.count("epf-replay:NP", IssueKind.GAP));
  }

  @Test
  void acceleratedReplayTakesAtLeastTheScaledMarketTime() throws Exception {
    // 36000x: one market hour per 100 ms; 11 hours with one hour of burst allowance need at least ~0.9 s
    var settings = EpfReplaySettings.defaults("PJM").withCurrency(Currency.getInstance("USD"))
        .withSpeed(ReplaySpeed.accelerated(36_000));
    long started = System.nanoTime();

    List<PricePoint> points = run(EpfReplaySource.fromFile(epf("PJM.csv"), settings, new IngestReport()).take(12));

    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    assertEquals(12, points.size());
    assertTrue(elapsed.compareTo(Duration.ofMillis(850)) >= 0, "paced replay was too fast: " + elapsed);
  }

  @Test
  void aGapInTheFileTakesProportionallyLongerToReplay() throws Exception {
    // 36000x: 00:00 -> 06:00 is six market hours, i.e. >= 0.5 s after the burst hour
    EpfDataset gappy = dataset("2013-01-01 00:00:00,10,1,1\n2013-01-01 06:00:00,11,1,1\n");
    long started = System.nanoTime();

    run(EpfReplaySource.fromDataset(gappy, EpfReplaySettings.defaults("T").withSpeed(ReplaySpeed.accelerated(36_000)),
        new IngestReport()));

    assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMillis(450)) >= 0);
  }

  @Test
  void labelsInsideTheSpringForwardGapAreRejectedAndReported() throws Exception {
    IngestReport report = new IngestReport();
    EpfDataset springDay = dataset("""
        2024-03-31 00:00:00,60,1,1
        2024-03-31 01:00:00,58,1,1
        2024-03-31 02:00:00,57,1,1
        2024-03-31 03:00:00,55,1,1
        """);
    var settings = EpfReplaySettings.defaults("BE").withLabelTimeZone(ZoneId.of("Europe/Brussels"));

    List<PricePoint> points = run(EpfReplaySource.fromDataset(springDay, settings, report));

    assertEquals(List.of(Instant.parse("2024-03-30T23:00:00Z"), Instant.parse("2024-03-31T00:00:00Z"),
        Instant.parse("2024-03-31T01:00:00Z")), points.stream().map(PricePoint::start).toList());
    assertEquals(1, report.count("epf-replay:BE", IssueKind.NONEXISTENT_LOCAL_TIME));
  }

  @Test
  void repeatedAutumnLabelsBecomeConsecutiveHours() throws Exception {
    EpfDataset fallDay = dataset("""
        2024-10-27 01:00:00,60,1,1
        2024-10-27 02:00:00,58,1,1
        2024-10-27 02:00:00,57,1,1
        2024-10-27 03:00:00,55,1,1
        """);
    var settings = EpfReplaySettings.defaults("BE").withLabelTimeZone(ZoneId.of("Europe/Brussels"));

    List<PricePoint> points = run(EpfReplaySource.fromDataset(fallDay, settings, new IngestReport()));

    assertEquals(List.of(Instant.parse("2024-10-26T23:00:00Z"), Instant.parse("2024-10-27T00:00:00Z"),
        Instant.parse("2024-10-27T01:00:00Z"), Instant.parse("2024-10-27T02:00:00Z")),
        points.stream().map(PricePoint::start).toList());
  }

  @Test
  void malformedFileFailsTheStreamWithTheLineNumber(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("BAD.csv");
    Files.writeString(bad, "Date, Price, a, b\n2013-01-01 00:00:00,1,2,3\n2013-01-01 01:00:00,x,2,3\n");

    var error = assertThrows(ExecutionException.class,
        () -> run(EpfReplaySource.fromFile(bad, EpfReplaySettings.defaults("BAD"), new IngestReport())));

    var cause = assertInstanceOf(UncheckedIOException.class, error.getCause());
    assertEquals(3, assertInstanceOf(EpfDataset.MalformedEpfFileException.class, cause.getCause()).lineNumber());
  }
}
