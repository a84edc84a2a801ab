package io.etp.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceSeriesValidatorTest {

  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Duration HOUR = Duration.ofHours(1);
  private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
  private static final Instant T0 = Instant.parse("2024-06-03T00:00:00Z");

  private static PricePoint at(int hour, double price) {
    return new PricePoint("BE", T0.plus(HOUR.multipliedBy(hour)), HOUR, price, EUR);
  }

  private static List<ValidatedPrice> checkAll(PriceSeriesValidator validator, List<PricePoint> points) {
    return points.stream().map(validator::check).toList();
  }

  private static List<IngestIssue> issues(List<ValidatedPrice> verdicts) {
    return verdicts.stream().flatMap(v -> v.issues().stream()).toList();
  }

  /** Prices for each local hour label of {@code day}, resolved to instants in {@code labelZone}. */
  private static List<PricePoint> localDay(LocalDate day, List<Integer> hourLabels, ZoneId labelZone) {
    LocalTimeResolver resolver = new LocalTimeResolver(labelZone);
    List<PricePoint> points = new ArrayList<>();
    for (int i = 0; i < hourLabels.size(); i++) {
      Instant start = resolver.resolve(day.atTime(hourLabels.get(i), 0)).orElseThrow();
      points.add(new PricePoint("BE", start, HOUR, 50 + i % 3, EUR));
    }
    return points;
  }

  private static List<Integer> hours(int... labels) {
    List<Integer> list = new ArrayList<>();
    for (int label : labels) {
      list.add(label);
    }
    return list;
  }

  private static List<Integer> range(int from, int toInclusive) {
    List<Integer> list = new ArrayList<>();
    for (int h = from; h <= toInclusive; h++) {
      list.add(h);
    }
    return list;
  }

  @Test
  void reportsAGapWithTheMissingIntervalsAndKeepsBothNeighbours() {
    var verdicts = checkAll(new PriceSeriesValidator(ValidationSettings.defaults()),
        List.of(at(0, 40), at(1, 41), at(5, 42), at(6, 43)));

    assertTrue(verdicts.stream().allMatch(ValidatedPrice::accepted));
    assertEquals(List.of(new IngestIssue.Gap("BE", T0.plus(HOUR.multipliedBy(2)), T0.plus(HOUR.multipliedBy(5)), HOUR, 3)),
        issues(verdicts));
  }

  @Test
  void rejectsAnIdenticalRepeatAndAConflictingRepeatKeepingTheFirstPrice() {
    var verdicts = checkAll(new PriceSeriesValidator(ValidationSettings.defaults()),
        List.of(at(0, 40), at(1, 41), at(1, 41), at(2, 42), at(1, 99)));

    assertEquals(List.of(true, true, false, true, false), verdicts.stream().map(ValidatedPrice::accepted).toList());
    var identical = assertInstanceOf(IngestIssue.Duplicate.class, verdicts.get(2).issues().get(0));
    assertEquals(IssueKind.DUPLICATE_IDENTICAL, identical.kind());
    var conflicting = assertInstanceOf(IngestIssue.Duplicate.class, verdicts.get(4).issues().get(0));
    assertEquals(IssueKind.DUPLICATE_CONFLICTING, conflicting.kind());
    assertEquals(41, conflicting.keptPricePerMwh());
    assertEquals(99, conflicting.repeatedPricePerMwh());
    assertTrue(conflicting.message().contains("41.0 (kept) and 99.0 (rejected)"), conflicting.message());
  }

  @Test
  void rejectsAPointOverlappingTheLatestInterval() {
    var validator = new PriceSeriesValidator(ValidationSettings.defaults());
    validator.check(at(0, 40));
    validator.check(at(1, 40));
    PricePoint halfHourLate = new PricePoint("BE", T0.plus(Duration.ofMinutes(90)), HOUR, 40, EUR);

    ValidatedPrice verdict = validator.check(halfHourLate);

    assertFalse(verdict.accepted());
    assertTrue(verdict.has(IssueKind.OUT_OF_ORDER));
  }

  @Test
  void springForwardDayWithItsZoneHas23HoursAndNoGap() {
    List<PricePoint> day = localDay(LocalDate.of(2024, 3, 31), hours(0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        16, 17, 18, 19, 20, 21, 22, 23), BRUSSELS);

    var verdicts = checkAll(new PriceSeriesValidator(ValidationSettings.defaults().withMarketTimeZone(BRUSSELS)), day);

    assertEquals(List.of(new IngestIssue.DstDay("BE", LocalDate.of(2024, 3, 31), BRUSSELS, 23)), issues(verdicts));
    assertTrue(verdicts.stream().allMatch(ValidatedPrice::accepted));
  }

  @Test
  void fallBackDayWithItsZoneHas25HoursAndNoDuplicate() {
    List<Integer> labels = range(0, 23);
    labels.add(3, 2); // 02:00 occurs twice when clocks go back
    List<PricePoint> day = localDay(LocalDate.of(2024, 10, 27), labels, BRUSSELS);

    var verdicts = checkAll(new PriceSeriesValidator(ValidationSettings.defaults().withMarketTimeZone(BRUSSELS)), day);

    assertEquals(25, day.size());
    assertEquals(List.of(new IngestIssue.DstDay("BE", LocalDate.of(2024, 10, 27), BRUSSELS, 25)), issues(verdicts));
    assertTrue(verdicts.stream().allMatch(ValidatedPrice::accepted));
  }

  @Test
  void theSameLocalLabelsReadWithoutAZoneShowTheGapAndTheDuplicate() {
    List<Integer> fallLabels = range(0, 23);
    fallLabels.add(3, 2);
    List<PricePoint> spring = localDay(LocalDate.of(2024, 3, 31), hours(0, 1, 3, 4), ZoneId.of("UTC"));
    List<PricePoint> fall = localDay(LocalDate.of(2024, 10, 27), fallLabels, ZoneId.of("UTC"));

    var springIssues = issues(checkAll(new PriceSeriesValidator(ValidationSettings.defaults()), spring));
    var fallIssues = issues(checkAll(new PriceSeriesValidator(ValidationSettings.defaults()), fall));

    assertEquals(List.of(IssueKind.GAP), springIssues.stream().map(IngestIssue::kind).toList());
    assertTrue(fallIssues.stream().anyMatch(i -> i instanceof IngestIssue.Duplicate), fallIssues.toString());
  }

  @Test
  void flagsAnOutlierFromTheRollingMedianButKeepsIt() {
    List<PricePoint> series = new ArrayList<>();
    for (int h = 0; h < 48; h++) {
      series.add(at(h, 60 + 10 * Math.sin(h * Math.PI / 12)));
    }
    series.add(at(48, 2500));
    series.add(at(49, -150));
    series.add(at(50, 72));

    var verdicts = checkAll(new PriceSeriesValidator(ValidationSettings.defaults()), series);

    assertTrue(verdicts.stream().allMatch(ValidatedPrice::accepted), "outliers are flagged, not dropped");
    List<IngestIssue> outliers = issues(verdicts);
    assertEquals(2, outliers.size(), outliers.toString());
    var spike = assertInstanceOf(IngestIssue.Outlier.class, outliers.get(0));
    assertEquals(2500, spike.pricePerMwh());
    assertEquals(60, spike.rollingMedianPerMwh(), 10);
    assertEquals(-150, assertInstanceOf(IngestIssue.Outlier.class, outliers.get(1)).pricePerMwh());
  }

  @Test
  void aFlatStretchDoesNotFlagEveryCentOfMovement() {
    List<PricePoint> series = new ArrayList<>();
    for (int h = 0; h < 30; h++) {
      series.add(at(h, 45.0));
    }
    series.add(at(30, 47.5));

    assertTrue(issues(checkAll(new PriceSeriesValidator(ValidationSettings.defaults()), series)).isEmpty());
  }

  @Test
  void keepsSeparateStateForEachZone() {
    var validator = new PriceSeriesValidator(ValidationSettings.defaults());
    validator.check(at(0, 40));
    PricePoint otherZoneSameHour = new PricePoint("NL", T0, HOUR, 41, EUR);

    assertTrue(validator.check(otherZoneSameHour).issues().isEmpty());
    assertTrue(validator.check(at(1, 40)).issues().isEmpty());
  }

  @Test
  void localTimeResolverRejectsALabelInsideTheSpringForwardGap() {
    var resolver = new LocalTimeResolver(BRUSSELS);
    assertTrue(resolver.resolve(LocalDateTime.of(2024, 3, 31, 2, 0)).isEmpty());
    assertEquals(Instant.parse("2024-03-31T01:00:00Z"), resolver.resolve(LocalDateTime.of(2024, 3, 31, 3, 0)).orElseThrow());
  }
}
