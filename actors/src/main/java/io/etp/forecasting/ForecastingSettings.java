package io.etp.forecasting;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Settings of the node's forecasting, read once from {@code etp.forecasting}.
 *
 * @param enabled                  start the zone forecaster, the forecast-fed price signal and the reserve follower
 * @param zone                     zone name
 * @param currency                 currency of the source's prices
 * @param dayZone                  time zone in which delivery days start
 * @param epfFile                  replay this epftoolbox CSV instead of the synthetic generator
 * @param windowDays               LEAR calibration window, days (cheap on the embedded default)
 * @param warmUpDays               days of the source emitted at once at start, so the first forecast comes quickly
 * @param marketSpeed              market time per wall time after the warm-up (1440: one market day per minute)
 * @param syntheticBasePricePerMwh level of the synthetic series
 * @param syntheticAmplitudePerMwh height of its daily peaks over the trough
 * @param syntheticSeed            its seed
 * @param roundTripEfficiency      for the dynamic reserve
 * @param reserveMinChangeCPerKwh  a reserve change smaller than this is not applied
 * @param pipelineBatteries        fleet size of the in-node decision pipeline
 * @param pipelineKeepDays         days of pipeline results kept for REST
 */
public record ForecastingSettings(
    boolean enabled,
    String zone,
    String currency,
    ZoneId dayZone,
    Optional<Path> epfFile,
    int windowDays,
    int warmUpDays,
    double marketSpeed,
    double syntheticBasePricePerMwh,
    double syntheticAmplitudePerMwh,
    long syntheticSeed,
    double roundTripEfficiency,
    double reserveMinChangeCPerKwh,
    int pipelineBatteries,
    int pipelineKeepDays) {

  public ForecastingSettings {
    if (warmUpDays <= windowDays) {
      throw new IllegalArgumentException("warm-up-days (" + warmUpDays + ") must exceed window-days (" + windowDays
          + ") or the first forecast waits for simulated days");
    }
    if (!(marketSpeed > 0)) throw new IllegalArgumentException("market-speed must be > 0");
  }

  public static ForecastingSettings fromConfig(Config etp) {
    Config f = etp.getConfig("forecasting");
    String epf = f.getString("epf-file").trim();
    return new ForecastingSettings(
        f.getBoolean("enabled"),
        f.getString("zone"),
        f.getString("currency"),
        ZoneId.of(f.getString("day-time-zone")),
        epf.isEmpty() ? Optional.empty() : Optional.of(Path.of(epf)),
        f.getInt("window-days"),
        f.getInt("warm-up-days"),
        f.getDouble("market-speed"),
        f.getDouble("synthetic.base-price-per-mwh"),
        f.getDouble("synthetic.daily-amplitude-per-mwh"),
        f.getLong("synthetic.seed"),
        f.getDouble("reserve.round-trip-efficiency"),
        f.getDouble("reserve.min-change-c-per-kwh"),
        f.getInt("pipeline.batteries"),
        f.getInt("pipeline.keep-days"));
  }
}
