package io.etp.battery;

import static org.junit.jupiter.api.Assertions.*;

import io.etp.money.EnergyKwh;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StorageLimitsTest {

  static StorageLimits limits(String efficiency) {
    return new StorageLimits(EnergyKwh.parse("15"), EnergyKwh.parse("1.5"), new BigDecimal("5"),
        new BigDecimal(efficiency));
  }

  @Test
  void powerTimesPeriodLengthRoundedDownToTheWh() {
    assertEquals(EnergyKwh.parse("1.25"), limits("0.9").perPeriodKwh(Duration.ofMinutes(15)));
    assertEquals(EnergyKwh.parse("5"), limits("0.9").perPeriodKwh(Duration.ofHours(1)));
    StorageLimits odd = new StorageLimits(EnergyKwh.parse("15"), EnergyKwh.ZERO, new BigDecimal("3.3333"),
        BigDecimal.ONE);
    assertEquals(EnergyKwh.parse("0.833"), odd.perPeriodKwh(Duration.ofMinutes(15))); // 0.833325
  }

  @Test
  void chargingStoresEnergyTimesEfficiencyRoundedDown() {
    assertEquals(EnergyKwh.parse("0.9"), limits("0.9").stored(EnergyKwh.parse("1")));
    assertEquals(EnergyKwh.parse("0.999"), limits("0.9").stored(EnergyKwh.parse("1.111"))); // 0.9999
  }

  @Test
  void chargeFittingIsTheMostGridEnergyWhoseStoredPartFits() {
    StorageLimits l = limits("0.9");
    EnergyKwh room = EnergyKwh.parse("1");
    EnergyKwh fit = l.chargeFitting(room);
    assertTrue(l.stored(fit).compareTo(room) <= 0);
    assertTrue(l.stored(fit.plus(EnergyKwh.parse("0.001"))).compareTo(room) > 0);
    assertEquals(EnergyKwh.parse("1.112"), fit); // 1.112 x 0.9 = 1.0008 -> 1.000
  }

  @Test
  void chargeFittingCountsTheWhTheRoundingDownLeaves() {
    // found by DeliverySchedulePropertyTest: 0.027 x 0.808 = 0.021816 stores 0.021, so 0.027 kWh fits in 0.021
    StorageLimits l = new StorageLimits(EnergyKwh.parse("1.001"), EnergyKwh.ZERO, new BigDecimal("0.5"),
        new BigDecimal("0.808"));
    assertEquals(EnergyKwh.parse("0.027"), l.chargeFitting(EnergyKwh.parse("0.021")));
    // with no room at all, 1 Wh still fits: it stores 0.808 Wh, rounded down to nothing
    assertEquals(EnergyKwh.parse("0.001"), l.chargeFitting(EnergyKwh.ZERO));
  }

  @Test
  void refusesImpossibleLimitsWithAClearError() {
    assertThrows(IllegalArgumentException.class, () -> limits("0"));
    assertThrows(IllegalArgumentException.class, () -> limits("1.01"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StorageLimits(
        EnergyKwh.parse("1"), EnergyKwh.parse("2"), BigDecimal.ONE, BigDecimal.ONE));
    assertTrue(e.getMessage().contains("minimum state of charge"), e.getMessage());
  }
}
