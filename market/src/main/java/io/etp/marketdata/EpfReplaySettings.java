package io.etp.marketdata;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Objects;

/**
 * How an epftoolbox CSV is replayed as {@link PricePoint}s.
 *
 * @param zone          zone name put on every point, e.g. {@code NP}
 * @param currency      currency of the file's prices (EUR for NP and BE, USD for PJM)
 * @param labelTimeZone time zone of the file's hour labels. The epftoolbox files have exactly 24 labels per day (daylight
 *                      saving time already removed), so a fixed offset is right for them; a zone with DST is right for
 *                      files written in real local time (23/25 labels on change days).
 * @param speed         pacing of the replay
 */
public record EpfReplaySettings(String zone, Currency currency, ZoneId labelTimeZone, ReplaySpeed speed) {

  public EpfReplaySettings {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(labelTimeZone, "labelTimeZone");
    Objects.requireNonNull(speed, "speed");
  }

  /** EUR prices labelled in UTC, replayed as fast as possible. */
  public static EpfReplaySettings defaults(String zone) {
    return new EpfReplaySettings(zone, Currency.getInstance("EUR"), ZoneOffset.UTC, ReplaySpeed.asFastAsPossible());
  }

  public EpfReplaySettings withSpeed(ReplaySpeed newSpeed) {
    return new EpfReplaySettings(zone, currency, labelTimeZone, newSpeed);
  }

  public EpfReplaySettings withLabelTimeZone(ZoneId newTimeZone) {
    return new EpfReplaySettings(zone, currency, newTimeZone, speed);
  }

  public EpfReplaySettings withCurrency(Currency newCurrency) {
    return new EpfReplaySettings(zone, newCurrency, labelTimeZone, speed);
  }
}
