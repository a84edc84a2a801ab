package io.etp.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class HourlyPricesTest {

  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Instant H = Instant.parse("2026-12-06T10:00:00Z");
  private static final Duration Q = Duration.ofMinutes(15);

  private static PricePoint q(int i, double price) {
    return new PricePoint("Z", H.plus(Q.multipliedBy(i)), Q, price, EUR);
  }

  private static List<PricePoint> run(PricePoint... points) {
    HourlyPrices h = new HourlyPrices();
    List<PricePoint> out = new ArrayList<>();
    for (PricePoint p : points) out.addAll(h.accept(p));
    return out;
  }

  @Test
  void fourQuartersMakeTheirHoursMean() {
    List<PricePoint> out = run(q(0, 10), q(1, 20), q(2, 30), q(3, 60), q(4, 1), q(5, 1), q(6, 1), q(7, 5));
    assertEquals(List.of(new PricePoint("Z", H, Duration.ofHours(1), 30.0, EUR),
        new PricePoint("Z", H.plusSeconds(3600), Duration.ofHours(1), 2.0, EUR)), out);
  }

  @Test
  void hourlyPointsPassAndIncompleteHoursYieldNothing() {
    PricePoint hourly = new PricePoint("Z", H, Duration.ofHours(1), 42, EUR);
    assertEquals(List.of(hourly), run(hourly));
    assertEquals(List.of(), run(q(0, 10), q(1, 20), q(3, 30), q(4, 1)), "a missing quarter: no price invented");
    assertEquals(List.of(), run(q(1, 20), q(2, 30), q(3, 30)), "joined after the hour began");
    assertEquals(List.of(), run(new PricePoint("Z", H, Duration.ofMinutes(25), 1, EUR)), "25 min does not divide");
    assertEquals(List.of(), run(new PricePoint("Z", H, Duration.ofHours(2), 1, EUR)));
  }
}
