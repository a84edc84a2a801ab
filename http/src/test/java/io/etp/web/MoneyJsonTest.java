package io.etp.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etp.money.Amount;
import io.etp.money.EnergyKwh;
import io.etp.money.MarketCurrency;
import io.etp.money.PriceCPerKwh;
import org.junit.jupiter.api.Test;

class MoneyJsonTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void writesExactDecimalsAsAPersonWritesThemWithoutTrailingZerosOrExponent() throws Exception {
    ObjectNode n = MAPPER.createObjectNode();
    MoneyJson.put(n, "price_c_per_kwh", PriceCPerKwh.ofDouble(16.820000000000004));
    MoneyJson.put(n, "reserve_c_per_kwh", PriceCPerKwh.parse("100.0000"));
    MoneyJson.put(n, "energy_kwh", EnergyKwh.parse("4.750"));
    MoneyJson.put(n, "lot_kwh", EnergyKwh.ZERO);
    assertEquals("{\"price_c_per_kwh\":16.82,\"reserve_c_per_kwh\":100,\"energy_kwh\":4.75,\"lot_kwh\":0}",
        MAPPER.writeValueAsString(n));
  }

  @Test
  void writesAnAmountAtTheCurrencysMinorUnitWithItsCurrency() throws Exception {
    ObjectNode n = MAPPER.createObjectNode();
    MoneyJson.putAmount(n, "amount",
        Amount.of(EnergyKwh.parse("4.75"), PriceCPerKwh.parse("16.82"), MarketCurrency.EUR));
    assertEquals("{\"amount\":0.80,\"currency\":\"EUR\"}", MAPPER.writeValueAsString(n));
  }

  @Test
  void writesADoubleHeldValueAtTheGivenScaleByTheRoundingRuleAndSkipsAbsentOnes() throws Exception {
    ObjectNode n = MAPPER.createObjectNode();
    MoneyJson.putFromDouble(n, "sold_kwh", 0.1 + 0.2, EnergyKwh.SCALE);
    MoneyJson.putFromDouble(n, "spent_c", null, 4);
    MoneyJson.putFromDouble(n, "budget_c", 12.00005, 4);
    assertEquals("{\"sold_kwh\":0.3,\"budget_c\":12}", MAPPER.writeValueAsString(n));
  }
}
