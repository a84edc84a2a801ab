package io.etp.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class EnergyKwhTest {

  @Test
  void aDoubleEntersRoundedHalfEvenToWattHours() {
    assertEquals("5.750", EnergyKwh.ofDouble(5.75).toString());
    assertEquals("0.300", EnergyKwh.ofDouble(0.1 + 0.2).toString()); // 0.30000000000000004
    assertEquals("1.000", EnergyKwh.ofDouble(1.0005).toString());
    assertEquals("1.002", EnergyKwh.ofDouble(1.0015).toString());
  }

  @Test
  void energyIsNeverNegativeAndNeverSilentlyLosesDigits() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnergyKwh.ofDouble(-0.5));
    assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EnergyKwh.parse("1.0001"));
    assertThrows(IllegalArgumentException.class, () -> EnergyKwh.parse("1.0").minus(EnergyKwh.parse("1.001")));
    assertThrows(IllegalArgumentException.class, () -> EnergyKwh.ofDouble(Double.NaN));
  }

  @Test
  void sumsAreExact() {
    EnergyKwh total = EnergyKwh.ZERO;
    for (int i = 0; i < 1000; i++) total = total.plus(EnergyKwh.parse("0.001"));
    assertEquals(EnergyKwh.parse("1"), total);
    assertEquals("9.250", EnergyKwh.parse("15").minus(EnergyKwh.parse("5.75")).toString());
    assertEquals(new BigDecimal("0.005750"), EnergyKwh.parse("5.75").mwh());
  }
}
