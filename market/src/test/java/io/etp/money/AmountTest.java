package io.etp.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AmountTest {

  private static final MarketCurrency EUR = MarketCurrency.EUR;

  @Test
  void anAmountIsEnergyTimesPriceRoundedOnceToTheCent() {
    // 5.75 kWh x 16.82 c/kWh = 96.715 c = 0.96715 EUR -> 0.97 EUR
    Amount a = Amount.of(EnergyKwh.parse("5.75"), PriceCPerKwh.parse("16.82"), EUR);
    assertEquals("0.97 EUR", a.toString());
    // 10 kWh x 16.82 c/kWh = 168.2 c = 1.682 EUR -> 1.68
    assertEquals("1.68 EUR", Amount.of(EnergyKwh.parse("10"), PriceCPerKwh.parse("16.82"), EUR).toString());
  }

  @Test
  void roundsHalfEvenAtTheMinorUnit() {
    // 1 kWh x 0.5 c = 0.005 EUR: a tie, to the even cent 0.00; 1 kWh x 1.5 c = 0.015 -> 0.02
    assertEquals("0.00 EUR", Amount.of(EnergyKwh.parse("1"), PriceCPerKwh.parse("0.5"), EUR).toString());
    assertEquals("0.02 EUR", Amount.of(EnergyKwh.parse("1"), PriceCPerKwh.parse("1.5"), EUR).toString());
    assertEquals("-0.02 EUR", Amount.of(EnergyKwh.parse("1"), PriceCPerKwh.parse("-1.5"), EUR).toString());
  }

  @Test
  void roundsEachTradeOnceAndSumsExactly() {
    Amount total = Amount.zero(EUR);
    for (int i = 0; i < 3; i++) {
      total = total.plus(Amount.of(EnergyKwh.parse("1"), PriceCPerKwh.parse("0.6"), EUR)); // 0.006 -> 0.01 each
    }
    assertEquals("0.03 EUR", total.toString());
  }

  @Test
  void refusesMixedCurrenciesAndCurrenciesWithoutAHundredth() {
    Amount eur = Amount.zero(EUR);
    Amount sek = Amount.zero(MarketCurrency.of("SEK"));
    assertThrows(IllegalArgumentException.class, () -> eur.plus(sek));
    IllegalArgumentException jpy = assertThrows(IllegalArgumentException.class, () -> MarketCurrency.of("JPY"));
    assertTrue(jpy.getMessage().contains("hundredth"), jpy.getMessage());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> MarketCurrency.of("XXQ"));
    assertTrue(bad.getMessage().contains("ISO 4217"), bad.getMessage());
    assertEquals("eur", MarketCurrency.of("eur").code().toLowerCase());
  }
}
