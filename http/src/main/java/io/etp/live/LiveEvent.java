package io.etp.live;

import io.etp.money.Decimals;
import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event on the live stream. Publishers build it with {@link #of} (sequence number 0, meaning "not yet sequenced");
 * the {@link EventHub} assigns the sequence number when it accepts the event, so sequence numbers are gap-free and in
 * delivery order for one hub. The JSON form is documented in docs/api.md and written by {@link LiveJson}.
 *
 * @param seq          sequence number assigned by the hub (1, 2, ...); 0 before the hub accepted it
 * @param type         what happened
 * @param timestamp    when it happened at the source (not when it was broadcast)
 * @param batteryId    the battery concerned; for aggregator-wide alerts the aggregator's id may be used
 * @param aggregatorId the aggregator concerned, or {@code null}
 * @param auctionId    the auction concerned, or {@code null}
 * @param payload      the measured or decided values; fields that do not apply are {@code null}
 * @param publishedAt  when the hub sequenced it for broadcast (server clock), or {@code null} before that; clients
 *                     measure delivery latency against it, since {@code timestamp} is the source's domain time
 * @param eventId      the identity of the persisted record it was mapped from, the same on every node (e.g.
 *                     {@code Battery|bess-1/42} for a journal event, {@code bid/1077} for a bid-audit row), or
 *                     {@code null} when it has none
 * @param position     where that record sits in the persisted source it was read from (a journal tag's ordering,
 *                     the bid-audit row id), the same on every node: what a cluster-wide resume cursor counts; or
 *                     {@code null} for an event with no persisted source (telemetry, a node's monitoring alerts)
 */
public record LiveEvent(long seq, LiveEventType type, Instant timestamp, String batteryId, String aggregatorId,
                        String auctionId, Payload payload, Instant publishedAt, String eventId, Position position) {

  /**
   * A record's place in one persisted source that every node's tails follow in the same order.
   *
   * @param source the source: a journal tag ({@code battery-3}, {@code aggregator-0}) or {@code bid}
   * @param offset the record's position in it: the journal's {@code ordering}, the bid-audit row id; increasing
   */
  public record Position(String source, long offset) {
    public Position {
      Objects.requireNonNull(source, "source");
      if (source.isBlank() || source.indexOf(':') >= 0 || source.indexOf(',') >= 0) {
        throw new IllegalArgumentException("a source name is not blank and has no ':' or ',': " + source);
      }
    }
  }

  public LiveEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(batteryId, "batteryId");
    Objects.requireNonNull(payload, "payload");
    if (seq < 0) {
      throw new IllegalArgumentException("seq must not be negative: " + seq);
    }
    if (batteryId.isBlank()) {
      throw new IllegalArgumentException("batteryId must not be blank");
    }
  }

  /** An event without a persisted identity. */
  public LiveEvent(long seq, LiveEventType type, Instant timestamp, String batteryId, String aggregatorId,
                   String auctionId, Payload payload, Instant publishedAt) {
    this(seq, type, timestamp, batteryId, aggregatorId, auctionId, payload, publishedAt, null, null);
  }

  /** An event with a persisted identity but no position in a followed source. */
  public LiveEvent(long seq, LiveEventType type, Instant timestamp, String batteryId, String aggregatorId,
                   String auctionId, Payload payload, Instant publishedAt, String eventId) {
    this(seq, type, timestamp, batteryId, aggregatorId, auctionId, payload, publishedAt, eventId, null);
  }

  /** An event not yet sequenced; hand it to {@link LiveEventPublisher#publish(LiveEvent)}. */
  public static LiveEvent of(LiveEventType type, Instant timestamp, String batteryId, String aggregatorId,
                             String auctionId, Payload payload) {
    return new LiveEvent(0, type, timestamp, batteryId, aggregatorId, auctionId, payload, null);
  }

  /** This event as the hub broadcasts it: its sequence number and the time it was sequenced. */
  LiveEvent sequenced(long sequence, Instant at) {
    return new LiveEvent(sequence, type, timestamp, batteryId, aggregatorId, auctionId, payload, at, eventId,
        position);
  }

  /** This event with the identity of the persisted record it comes from. */
  public LiveEvent withEventId(String id) {
    return new LiveEvent(seq, type, timestamp, batteryId, aggregatorId, auctionId, payload, publishedAt, id,
        position);
  }

  /** This event at {@code offset} in the persisted {@code source} it was read from. */
  public LiveEvent at(String source, long offset) {
    return new LiveEvent(seq, type, timestamp, batteryId, aggregatorId, auctionId, payload, publishedAt, eventId,
        new Position(source, offset));
  }

  public Optional<String> aggregator() {
    return Optional.ofNullable(aggregatorId);
  }

  public Optional<String> auction() {
    return Optional.ofNullable(auctionId);
  }

  /**
   * The values an event carries; every field is optional ({@code null} when it does not apply) and is written only
   * when present. Units are in the names, as in the ETP protocol.
   *
   * @param priceCPerKwh   a bid, clearing or asking price in cents of the market currency per kWh, exact at 4
   *                       decimals (io.etp.money.PriceCPerKwh)
   * @param reserveCPerKwh the auction's reserve price in cents per kWh, exact at 4 decimals
   * @param energyKwh      energy offered, bid for or traded, or (BATTERY_STATUS) energy stored, in kWh, exact at 3
   *                       decimals (io.etp.money.EnergyKwh)
   * @param capacityKwh    (BATTERY_STATUS) usable capacity in kWh, exact at 3 decimals
   * @param healthPct      (BATTERY_STATUS) state of health, 0-100 %
   * @param status         (BATTERY_STATUS) e.g. IDLE, CHARGING, DISCHARGING, IN_AUCTION, OFFLINE
   * @param reason         why a bid was rejected, an auction terminated, a device failed
   * @param severity       (ALERT, DEVICE_FAILURE) INFO, WARNING or CRITICAL
   * @param message        human-readable text for alerts
   * @param latencyMs      a message latency the core measured (e.g. bid sent to bid accepted), in milliseconds
   * @param health         (BATTERY_STATUS) the device's reported health: GOOD, DEGRADED, CRITICAL or FAILED
   * @param voltageV       (BATTERY_STATUS) terminal voltage in V
   * @param dischargeRateKw (BATTERY_STATUS) discharge rate in kW, negative while charging
   */
  public record Payload(BigDecimal priceCPerKwh, BigDecimal reserveCPerKwh, BigDecimal energyKwh,
                        BigDecimal capacityKwh,
                        Double healthPct, String status, String reason, String severity, String message,
                        Double latencyMs, String health, Double voltageV, Double dischargeRateKw) {

    /** Money and energy held at their io.etp.money scales, so equal values are equal whatever their source. */
    public Payload {
      priceCPerKwh = scaled(priceCPerKwh, PriceCPerKwh.SCALE);
      reserveCPerKwh = scaled(reserveCPerKwh, PriceCPerKwh.SCALE);
      energyKwh = scaled(energyKwh, EnergyKwh.SCALE);
      capacityKwh = scaled(capacityKwh, EnergyKwh.SCALE);
    }

    private static BigDecimal scaled(BigDecimal v, int scale) {
      return v == null ? null : Decimals.round(v, scale);
    }

    /** A payload with nothing in it. */
    public static final Payload EMPTY = new Payload(null, null, null, null, null, null, null, null, null, null, null, null,
        null);

    public Payload withPrice(BigDecimal v) {
      return new Payload(v, reserveCPerKwh, energyKwh, capacityKwh, healthPct, status, reason, severity, message,
          latencyMs, health, voltageV, dischargeRateKw);
    }

    /** As {@link #withPrice(BigDecimal)}, from a value exact in the trading core. */
    public Payload withPrice(PriceCPerKwh v) {
      return withPrice(v.value());
    }

    /** As {@link #withPrice(BigDecimal)}, from a wire or device double, by io.etp.money's rule. */
    public Payload withPrice(double cPerKwh) {
      return withPrice(Decimals.fromDouble(cPerKwh, PriceCPerKwh.SCALE, "price"));
    }

    public Payload withReserve(BigDecimal v) {
      return new Payload(priceCPerKwh, v, energyKwh, capacityKwh, healthPct, status, reason, severity, message,
          latencyMs, health, voltageV, dischargeRateKw);
    }

    /** As {@link #withReserve(BigDecimal)}, from a value exact in the trading core. */
    public Payload withReserve(PriceCPerKwh v) {
      return withReserve(v.value());
    }

    /** As {@link #withReserve(BigDecimal)}, from a wire or device double, by io.etp.money's rule. */
    public Payload withReserve(double cPerKwh) {
      return withReserve(Decimals.fromDouble(cPerKwh, PriceCPerKwh.SCALE, "reserve"));
    }

    public Payload withEnergy(BigDecimal v) {
      return new Payload(priceCPerKwh, reserveCPerKwh, v, capacityKwh, healthPct, status, reason, severity, message,
          latencyMs, health, voltageV, dischargeRateKw);
    }

    /** As {@link #withEnergy(BigDecimal)}, from a value exact in the trading core. */
    public Payload withEnergy(EnergyKwh v) {
      return withEnergy(v.value());
    }

    /** As {@link #withEnergy(BigDecimal)}, from a wire or device double, by io.etp.money's rule. */
    public Payload withEnergy(double kwh) {
      return withEnergy(Decimals.fromDouble(kwh, EnergyKwh.SCALE, "energy"));
    }

    public Payload withCapacity(BigDecimal v) {
      return new Payload(priceCPerKwh, reserveCPerKwh, energyKwh, v, healthPct, status, reason, severity, message,
          latencyMs, health, voltageV, dischargeRateKw);
    }

    /** As {@link #withCapacity(BigDecimal)}, from a value exact in the trading core. */
    public Payload withCapacity(EnergyKwh v) {
      return withCapacity(v.value());
    }

    /** As {@link #withCapacity(BigDecimal)}, from a wire or device double, by io.etp.money's rule. */
    public Payload withCapacity(double kwh) {
      return withCapacity(Decimals.fromDouble(kwh, EnergyKwh.SCALE, "capacity"));
    }

    public Payload withHealth(double pct) {
      return new Payload(priceCPerKwh, reserveCPerKwh, energyKwh, capacityKwh, pct, status, reason, severity, message,
          latencyMs, health, voltageV, dischargeRateKw);
    }

    public Payload withStatus(String value) {
      return new Payload(priceCPerKwh, reserveCPerKwh, energyKwh, capacityKwh, healthPct, value, reason, severity,
          message, latencyMs, health, voltageV, dischargeRateKw);
    }

    public Payload withReason(String value) {
      return new Payload(priceCPerKwh, reserveCPerKwh, energyKwh, capacityKwh, healthPct, status, value, severity,
          message, latencyMs, health, voltageV, dischargeRateKw);
    }

    public Payload withSeverity(String value) {
      return new Payload(priceCPerKwh, reserveCPerKwh, energyKwh, capacityKwh, healthPct, status, reason, value,
          message, latencyMs, health, voltageV, dischargeRateKw);
    }

    public Payload withMessage(String value) {
      return new Payload(priceCPerKwh, reserveCPerKwh, energyKwh, capacityKwh, healthPct, status, reason, severity,
          value, latencyMs, health, voltageV, dischargeRateKw);
    }

    public Payload withLatency(double ms) {
      return new Payload(priceCPerKwh, reserveCPerKwh, energyKwh, capacityKwh, healthPct, status, reason, severity,
          message, ms, health, voltageV, dischargeRateKw);
    }

    public Payload withDeviceHealth(String value) {
      return new Payload(priceCPerKwh, reserveCPerKwh, energyKwh, capacityKwh, healthPct, status, reason, severity,
          message, latencyMs, value, voltageV, dischargeRateKw);
    }

    public Payload withVoltage(double volts) {
      return new Payload(priceCPerKwh, reserveCPerKwh, energyKwh, capacityKwh, healthPct, status, reason, severity,
          message, latencyMs, health, volts, dischargeRateKw);
    }

    public Payload withDischargeRate(double kw) {
      return new Payload(priceCPerKwh, reserveCPerKwh, energyKwh, capacityKwh, healthPct, status, reason, severity,
          message, latencyMs, health, voltageV, kw);
    }
  }
}
