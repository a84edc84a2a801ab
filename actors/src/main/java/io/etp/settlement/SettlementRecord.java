package io.etp.settlement;

import io.etp.money.Amount;
import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The full record of what a settlement pays, as our database keeps it. Its {@link #canonicalText()} is the one
 * text whose SHA-256 ({@link #sha256Hex()}) goes on chain in the memo, so anyone holding the record can check a
 * payment against the trade.
 *
 * @param settlementId   the settlement, one per delivered trade
 * @param tradeIds       the trades it pays (today: one)
 * @param payerId        who pays (the aggregator)
 * @param payeeId        who is paid (the battery's owner)
 * @param batteryId      the battery that delivered
 * @param periodStart    the delivery period's start
 * @param periodMinutes  the delivery period's length
 * @param deliveredKwh   delivered energy (what is paid, not what was committed)
 * @param priceCPerKwh   the trade's price
 * @param amount         deliveredKwh x price, rounded once ({@link Amount#of})
 */
public record SettlementRecord(String settlementId, List<String> tradeIds, String payerId, String payeeId,
    String batteryId, Instant periodStart, int periodMinutes, EnergyKwh deliveredKwh, PriceCPerKwh priceCPerKwh,
    Amount amount) {

  /** Version of {@link #canonicalText()}; a change of the text gets a new version, old records keep theirs. */
  public static final int VERSION = 1;

  public SettlementRecord {
    Objects.requireNonNull(settlementId, "settlement id");
    tradeIds = List.copyOf(tradeIds);
    Objects.requireNonNull(payerId, "payer id");
    Objects.requireNonNull(payeeId, "payee id");
    Objects.requireNonNull(batteryId, "battery id");
    Objects.requireNonNull(periodStart, "period start");
    Objects.requireNonNull(deliveredKwh, "delivered kWh");
    Objects.requireNonNull(priceCPerKwh, "price c/kWh");
    Objects.requireNonNull(amount, "amount");
    if (tradeIds.isEmpty()) throw new IllegalArgumentException("a settlement pays at least one trade");
    if (periodMinutes <= 0) throw new IllegalArgumentException("period length must be > 0 minutes");
  }

  /**
   * One line, fields in a fixed order separated by {@code |}, decimals in plain notation at their fixed scale:
   * {@code etp-settlement/1|<settlementId>|<tradeId,...>|<payer>|<payee>|<battery>|<periodStart ISO-8601>|<minutes>|<kWh>|<c/kWh>|<amount>|<currency>}.
   */
  public String canonicalText() {
    return String.join("|", "etp-settlement/" + VERSION, settlementId, String.join(",", tradeIds), payerId, payeeId,
        batteryId, periodStart.toString(), Integer.toString(periodMinutes), deliveredKwh.value().toPlainString(),
        priceCPerKwh.value().toPlainString(), amount.value().toPlainString(), amount.currency().code());
  }

  /** SHA-256 of the UTF-8 {@link #canonicalText()}, lower-case hex. */
  public String sha256Hex() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalText().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
