package io.etp.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PriceTakerMarketTest {

  static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  static final BacktestBattery BATTERY = new BacktestBattery(d("13.5"), d("0.25"), d("5"), d("0.922"), d("0.922"),
      d("13.5"));

  @Test
  void convertsBetweenCentsPerKwhAndEurPerMwhExactly() {
    assertEquals(0, d("140").compareTo(PriceTakerMarket.eurPerMwhOfCPerKwh(d("14.0"))));
    assertEquals(0, d("16.82").compareTo(PriceTakerMarket.cPerKwhOfEurPerMwh(d("168.2"))));
    assertEquals(0, d("0.1682").compareTo(PriceTakerMarket.eurPerKwh(d("168.2"))));
    // 6.5 kWh at 16.82 c/kWh = 1.0933 EUR, nothing rounded
    assertEquals(0, d("1.0933").compareTo(PriceTakerMarket.amountEur(d("6.500"), d("168.200"))));
    assertEquals(PriceTakerMarket.MONEY_SCALE, PriceTakerMarket.amountEur(d("6.500"), d("168.200")).scale());
  }

  @Test
  void readsDatasetPricesWithUpToThreeDecimalsAndRefusesMore() {
    assertEquals(d("46.575"), PriceTakerMarket.priceEurPerMwh(46.575));
    assertEquals(d("16.820"), PriceTakerMarket.priceEurPerMwh(16.82));
    var ex = assertThrows(IllegalArgumentException.class, () -> PriceTakerMarket.priceEurPerMwh(16.8201));
    assertTrue(ex.getMessage().contains("more than 3 decimals"), ex.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PriceTakerMarket.priceEurPerMwh(Double.NaN));
  }

  @Test
  void anOfferSellsAtOrAboveItsReserveAndIsPaidTheActualPrice() {
    var offer = new HourOrder.Sell(d("4"), d("50"));
    HourSettlement below = PriceTakerMarket.settle(BATTERY, 0, d("49.999"), offer, d("13.5"));
    assertEquals(0, below.soldKwh().signum());
    assertEquals(0, below.socEndKwh().compareTo(d("13.5")));
    HourSettlement at = PriceTakerMarket.settle(BATTERY, 0, d("50"), offer, d("13.5"));
    assertEquals(0, d("4").compareTo(at.soldKwh()));
    assertEquals(0, d("0.2").compareTo(at.revenueEur()));
    HourSettlement above = PriceTakerMarket.settle(BATTERY, 0, d("80.5"), offer, d("13.5"));
    assertEquals(0, d("0.322").compareTo(above.revenueEur()));
    assertEquals(0, above.costEur().signum());
  }

  @Test
  void aBidBuysAtOrBelowItsLimitOrAtAnyPriceWithoutOne() {
    var limited = new HourOrder.Buy(d("2"), Optional.of(d("30")));
    assertEquals(0, PriceTakerMarket.settle(BATTERY, 0, d("30.001"), limited, d("5")).boughtKwh().signum());
    HourSettlement filled = PriceTakerMarket.settle(BATTERY, 0, d("-10"), limited, d("5"));
    assertEquals(0, d("2").compareTo(filled.boughtKwh()));
    assertEquals(0, d("-0.02").compareTo(filled.costEur()), "buying at a negative price is paid");
    var market = new HourOrder.Buy(d("2"), Optional.empty());
    assertEquals(0, d("2").compareTo(PriceTakerMarket.settle(BATTERY, 0, d("3000"), market, d("5")).boughtKwh()));
  }

  @Test
  void fillsNoMoreThanPowerAndStateOfChargeAllow() {
    // power: 5 kWh in one hour
    assertEquals(0, d("5").compareTo(
        PriceTakerMarket.settle(BATTERY, 0, d("90"), new HourOrder.Sell(d("8"), d("0")), d("13.5")).soldKwh()));
    // stored 1.25 kWh above the 0.25 minimum: at most 1.25 x 0.922 = 1.1525 kWh reach the grid, floored to 1.152
    HourSettlement low = PriceTakerMarket.settle(BATTERY, 0, d("90"), new HourOrder.Sell(d("4"), d("0")), d("1.5"));
    assertEquals(0, d("1.152").compareTo(low.soldKwh()));
    assertTrue(low.socEndKwh().compareTo(d("0.25")) >= 0);
    // 1 kWh of room: at most 1 / 0.922 = 1.0845... kWh drawn, floored to 1.084
    HourSettlement nearlyFull = PriceTakerMarket.settle(BATTERY, 0, d("20"),
        new HourOrder.Buy(d("4"), Optional.empty()), d("12.5"));
    assertEquals(0, d("1.084").compareTo(nearlyFull.boughtKwh()));
    assertEquals(0, d("13.499448").compareTo(nearlyFull.socEndKwh()));
  }

  @Test
  void refusesBadOrdersAndBatteries() {
    assertThrows(IllegalArgumentException.class, () -> new HourOrder.Sell(d("0"), d("10")));
    assertThrows(IllegalArgumentException.class, () -> new HourOrder.Sell(d("1.0001"), d("10")));
    assertThrows(IllegalArgumentException.class,
        () -> new BacktestBattery(d("10"), d("0"), d("5"), d("0.9223456"), d("0.9"), d("5")));
    assertThrows(IllegalArgumentException.class,
        () -> new BacktestBattery(d("10"), d("0"), d("5"), d("1.1"), d("0.9"), d("5")));
    assertThrows(IllegalArgumentException.class,
        () -> new BacktestBattery(d("10"), d("2"), d("5"), d("0.9"), d("0.9"), d("1")));
  }
}
