package io.etp.marketdata;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyntheticPriceSourceTest {

  private static final int YEAR_HOURS = 8760;

  private final ActorSystem system = ActorSystem.create("synthetic-price-test");

  @AfterAll
  void stop() {
    system.terminate();
  }

  private List<PricePoint> generate(SyntheticPriceSettings settings, int hours) throws Exception {
    return SyntheticPriceSource.create(settings, ReplaySpeed.asFastAsPossible()).take(hours)
        .runWith(Sink.seq(), system).toCompletableFuture().get(60, SECONDS);
  }

  private static List<PricePoint> model(SyntheticPriceSettings settings, int hours) {
    return Stream.generate(new SyntheticPriceModel(settings)::next).limit(hours).toList();
  }

  private static double meanAt(List<PricePoint> points, java.util.function.Predicate<PricePoint> which) {
    return points.stream().filter(which).mapToDouble(PricePoint::pricePerMwh).average().orElseThrow();
  }

  private static int hourOf(PricePoint p) {
    return p.start().atZone(ZoneOffset.UTC).getHour();
  }

  @Test
  void theSameSeedGivesTheSameSeriesOnEveryMaterialization() throws Exception {
    var settings = SyntheticPriceSettings.defaults();
    List<PricePoint> first = generate(settings, 500);

    assertEquals(first, generate(settings, 500));
    assertEquals(first, model(settings, 500));
    assertNotEquals(first, generate(settings.withSeed(7), 500));
  }

  @Test
  void eveningPeaksAboveTheNightAndWeekdaysAboveWeekends() {
    List<PricePoint> year = model(SyntheticPriceSettings.defaults(), YEAR_HOURS);

    double night = meanAt(year, p -> hourOf(p) == 3);
    double evening = meanAt(year, p -> hourOf(p) == 19);
    assertTrue(evening > night + 20, "evening " + evening + " vs night " + night);

    DayOfWeek[] weekend = {DayOfWeek.SATURDAY, DayOfWeek.SUNDAY};
    double weekendMean = meanAt(year, p -> List.of(weekend).contains(p.start().atZone(ZoneOffset.UTC).getDayOfWeek()));
    double weekdayMean = meanAt(year, p -> !List.of(weekend).contains(p.start().atZone(ZoneOffset.UTC).getDayOfWeek()));
    assertTrue(weekdayMean > weekendMean * 1.1, "weekday " + weekdayMean + " vs weekend " + weekendMean);
  }

  @Test
  void producesOccasionalSpikesAndMiddayNegativePrices() {
    var settings = SyntheticPriceSettings.defaults();
    List<PricePoint> year = model(settings, YEAR_HOURS);

    List<PricePoint> negative = year.stream().filter(p -> p.pricePerMwh() < 0).toList();
    long spikes = year.stream().filter(p -> p.pricePerMwh() > settings.basePricePerMwh() + 100).count();
    assertTrue(negative.size() > 10 && negative.size() < YEAR_HOURS * settings.negativeProbability(),
        "negatives: " + negative.size());
    assertTrue(negative.stream().allMatch(p -> hourOf(p) >= 10 && hourOf(p) < 16), "negatives only at midday");
    assertTrue(spikes > 5 && spikes < YEAR_HOURS * settings.spikeProbability() * 3, "spikes: " + spikes);
  }

  @Test
  void aGeneratedYearIsAGaplessSeriesWhoseSpikesAreFlaggedAsOutliers() {
    var validator = new PriceSeriesValidator(ValidationSettings.defaults());
    List<ValidatedPrice> verdicts = model(SyntheticPriceSettings.defaults(), YEAR_HOURS).stream()
        .map(validator::check).toList();

    assertTrue(verdicts.stream().allMatch(ValidatedPrice::accepted));
    assertTrue(verdicts.stream().noneMatch(v -> v.has(IssueKind.GAP)));
    assertTrue(verdicts.stream().filter(v -> v.point().pricePerMwh() > 300).allMatch(v -> v.has(IssueKind.OUTLIER)));
  }
}
