package io.etp.web;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etp.money.Amount;
import io.etp.money.Decimals;
import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import java.math.BigDecimal;

/**
 * Money and energy in JSON: each exact decimal is written as a JSON number from its BigDecimal, as a person writes
 * it (16.82, 5.75, 15), never through a double, so no binary floating-point artefact can reach a client. The field
 * name carries the unit ({@code price_c_per_kwh}, {@code energy_kwh}); an amount is written with its currency.
 */
public final class MoneyJson {

  private MoneyJson() {}

  /** {@code value} as a JSON number: no trailing zeros, no exponent. */
  public static DecimalNode number(BigDecimal value) {
    return DecimalNode.valueOf(Decimals.plain(value));
  }

  public static ObjectNode put(ObjectNode node, String field, BigDecimal value) {
    if (value != null) node.set(field, number(value));
    return node;
  }

  public static ObjectNode put(ObjectNode node, String field, PriceCPerKwh value) {
    return value == null ? node : put(node, field, value.value());
  }

  public static ObjectNode put(ObjectNode node, String field, EnergyKwh value) {
    return value == null ? node : put(node, field, value.value());
  }

  /**
   * {@code amount} at the currency's minor unit, as money is written, and {@code currency} (ISO 4217), e.g.
   * {@code "amount": 0.80, "currency": "EUR"}.
   */
  public static ObjectNode putAmount(ObjectNode node, String field, Amount value) {
    if (value == null) return node;
    node.set(field, DecimalNode.valueOf(value.value()));
    return node.put("currency", value.currency().code());
  }

  /**
   * A value that reaches the API as a double (a device's telemetry): written at {@code scale} decimals by
   * io.etp.money's rule ({@link Decimals#fromDouble}), so it is shown exactly as stored.
   */
  public static ObjectNode putFromDouble(ObjectNode node, String field, Double value, int scale) {
    if (value == null) return node;
    return put(node, field, Decimals.fromDouble(value, scale, field));
  }
}
