package io.etp.marketdata;

import java.time.Instant;
import java.util.Objects;

/**
 * One hourly weather forecast value set for one location, in SI units. A value the provider did not have
 * (JSON {@code null}) is {@link Double#NaN}; it is never invented.
 *
 * @param latitudeDeg                 latitude of the grid cell the provider answered for, degrees north
 * @param longitudeDeg                longitude of that grid cell, degrees east
 * @param time                        start of the forecast hour (UTC)
 * @param temperatureCelsius          air temperature 2 m above ground
 * @param windSpeed10mMetresPerSecond wind speed 10 m above ground
 * @param shortwaveRadiationWattsPerSquareMetre global horizontal irradiance, mean over the preceding hour
 * @param cloudCoverPercent           total cloud cover, 0..100
 */
public record WeatherPoint(
    double latitudeDeg,
    double longitudeDeg,
    Instant time,
    double temperatureCelsius,
    double windSpeed10mMetresPerSecond,
    double shortwaveRadiationWattsPerSquareMetre,
    double cloudCoverPercent) {

  public WeatherPoint {
    Objects.requireNonNull(time, "time");
  }
}
