package io.etp.marketdata;

import com.typesafe.config.Config;

import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * Rules of the price-series validation.
 *
 * @param marketTimeZone      local time zone of the market; when given, 23- and 25-hour days are recognised and
 *                            reported as {@link IssueKind#DST_DAY} (informational). Without it the series is read as UTC.
 * @param outlierWindow       number of most recent accepted prices forming the rolling median
 * @param outlierMinSamples   prices needed in the window before outliers are judged
 * @param outlierK            a price is an outlier when {@code |price - median| > k * max(1.4826 * MAD, minScale)}
 * @param outlierMinScalePerMwh floor of the robust scale so a flat stretch (MAD 0) does not flag every cent
 */
public record ValidationSettings(
    Optional<ZoneId> marketTimeZone, int outlierWindow, int outlierMinSamples, double outlierK,
    double outlierMinScalePerMwh) {

  public ValidationSettings {
    Objects.requireNonNull(marketTimeZone, "marketTimeZone");
    if (outlierWindow < 3 || outlierMinSamples < 3 || outlierMinSamples > outlierWindow) {
      throw new IllegalArgumentException("need 3 <= outlierMinSamples <= outlierWindow");
    }
    if (!(outlierK > 0) || !(outlierMinScalePerMwh > 0)) {
      throw new IllegalArgumentException("outlierK and outlierMinScalePerMwh must be positive");
    }
  }

  /** No time zone, one week of hourly prices as window, judged after one day, k = 6, scale floor 1 per MWh. */
  public static ValidationSettings defaults() {
    return new ValidationSettings(Optional.empty(), 168, 24, 6, 1);
  }

  /**
   * Reads {@code market-time-zone} (an IANA zone id), {@code outlier.window}, {@code outlier.min-samples},
   * {@code outlier.k} and {@code outlier.min-scale-per-mwh} from a config section; missing keys fall back to
   * {@link #defaults()}.
   */
  public static ValidationSettings fromConfig(Config config) {
    ValidationSettings d = defaults();
    return new ValidationSettings(
        config.hasPath("market-time-zone") ? Optional.of(ZoneId.of(config.getString("market-time-zone"))) : d.marketTimeZone(),
        config.hasPath("outlier.window") ? config.getInt("outlier.window") : d.outlierWindow(),
        config.hasPath("outlier.min-samples") ? config.getInt("outlier.min-samples") : d.outlierMinSamples(),
        config.hasPath("outlier.k") ? config.getDouble("outlier.k") : d.outlierK(),
        config.hasPath("outlier.min-scale-per-mwh") ? config.getDouble("outlier.min-scale-per-mwh") : d.outlierMinScalePerMwh());
  }

  public ValidationSettings withMarketTimeZone(ZoneId zone) {
    return new ValidationSettings(Optional.of(zone), outlierWindow, outlierMinSamples, outlierK, outlierMinScalePerMwh);
  }

  public ValidationSettings withOutlierRule(int window, int minSamples, double k, double minScalePerMwh) {
    return new ValidationSettings(marketTimeZone, window, minSamples, k, minScalePerMwh);
  }
}
