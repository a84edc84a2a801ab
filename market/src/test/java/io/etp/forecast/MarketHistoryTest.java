package io.etp.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.marketdata.EpfDataset;
import java.io.StringReader;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MarketHistoryTest {

  private static String hours(String firstDay, int count, int skip) {
    StringBuilder csv = new StringBuilder("Date, Price, a, b\n");
    java.time.LocalDateTime t = LocalDate.parse(firstDay).atStartOfDay();
    for (int i = 0; i < count; i++) {
      if (i != skip) {
        csv.append(t.plusHours(i).format(ForecastSeries.TIMESTAMP)).append(',').append(i).append(",1,2\n");
      }
    }
    return csv.toString();
  }

  @Test
  void arrangesHoursByDay() throws Exception {
    MarketHistory h = MarketHistory.of(EpfDataset.read("T", new StringReader(hours("2017-01-01", 48, -1))));
    assertEquals(2, h.dayCount());
    assertEquals(LocalDate.of(2017, 1, 2), h.lastDay());
    assertEquals(24 + 5, h.price(1, 5));
  }

  @Test
  void rejectsAMissingHourNamingIt() throws Exception {
    EpfDataset gap = EpfDataset.read("T", new StringReader(hours("2017-01-01", 49, 30)));
    var e = assertThrows(IllegalArgumentException.class, () -> MarketHistory.of(gap));
    assertTrue(e.getMessage().contains("2017-01-02T06:00"), e.getMessage());
  }

  @Test
  void hidesTheDeliveryDayPricesButKeepsItsExogenousForecasts() throws Exception {
    MarketHistory h = MarketHistory.of(EpfDataset.read("T", new StringReader(hours("2017-01-01", 72, -1))));
    MarketHistory known = h.withPricesHiddenFrom(LocalDate.of(2017, 1, 2));
    assertEquals(2, known.dayCount());
    assertTrue(Double.isNaN(known.price(1, 0)));
    assertEquals(1.0, known.exogenous1(1, 0));
    assertEquals(23.0, known.price(0, 23));
  }
}
