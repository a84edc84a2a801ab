package io.etp.marketfeed;

import com.typesafe.config.Config;
import io.etp.marketdata.ApiKey;
import io.etp.marketdata.EntsoeDayAheadClient;
import io.etp.marketdata.HttpSourceSettings;
import io.etp.marketdata.OpenAdrClient;
import io.etp.marketdata.OpenMeteoClient;
import io.etp.marketdata.ResilienceSettings;
import io.etp.marketdata.ValidationSettings;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which live market-data feeds the node runs, read once from {@code etp.marketdata} and the environment. A feed runs
 * only when its key is configured; with none, the synthetic market or the CSV replay of {@code etp.forecasting}
 * serves, as before.
 *
 * @param entsoe    ENTSO-E day-ahead prices, when {@code MARKET_API_KEY} is set
 * @param openMeteo Open-Meteo weather, when {@code WEATHER_API_KEY} is set
 * @param openAdr   OpenADR demand-response events, when both {@code DR_API_KEY} and {@code DR_VTN_URL} are set
 */
public record LiveMarketDataSettings(Optional<Entsoe> entsoe, Optional<OpenMeteo> openMeteo,
    Optional<OpenAdr> openAdr) {

  /**
   * @param biddingZone EIC code of the zone whose prices the forecaster gets
   * @param historyDays days before today the first poll fetches, for the forecaster's calibration window
   */
  public record Entsoe(ApiKey key, String biddingZone, int historyDays, HttpSourceSettings http,
      ResilienceSettings resilience, ValidationSettings validation) {}

  /** @param forecastDays days of hourly forecast per poll */
  public record OpenMeteo(ApiKey key, double latitudeDeg, double longitudeDeg, int forecastDays,
      HttpSourceSettings http, ResilienceSettings resilience) {}

  /**
   * @param programId       only this program's events, if set
   * @param batteriesOfArea program id (area) to the batteries in it, for {@link io.etp.fleet.DemandResponseOffers}
   */
  public record OpenAdr(ApiKey key, Optional<String> programId, Map<String, Set<String>> batteriesOfArea,
      HttpSourceSettings http, ResilienceSettings resilience) {}

  /** No live feed: the zero-setup default. */
  public static final LiveMarketDataSettings NONE =
      new LiveMarketDataSettings(Optional.empty(), Optional.empty(), Optional.empty());

  /** Whether any feed runs. */
  public boolean any() {
    return entsoe.isPresent() || openMeteo.isPresent() || openAdr.isPresent();
  }

  /** Which feeds run and where (no keys), for the start log. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    entsoe.ifPresent(e -> b.append("ENTSO-E ").append(e.biddingZone()).append(" at ").append(e.http().baseUrl())
        .append(" every ").append(e.resilience().pollInterval()).append("; "));
    openMeteo.ifPresent(w -> b.append("Open-Meteo ").append(w.latitudeDeg()).append(',').append(w.longitudeDeg())
        .append(" at ").append(w.http().baseUrl()).append(" every ").append(w.resilience().pollInterval()).append("; "));
    openAdr.ifPresent(a -> b.append("OpenADR at ").append(a.http().baseUrl().getHost()).append(" every ")
        .append(a.resilience().pollInterval()).append(", areas ").append(a.batteriesOfArea()).append("; "));
    return b.length() == 0 ? "none" : b.substring(0, b.length() - 2);
  }

  /**
   * From {@code etp.marketdata}; the keys from {@code etp.marketdata.keys}, where reference.conf substitutes the
   * environment variables of the same names (as {@code etp.access.bootstrap-admin-key} takes {@code ETP_ADMIN_API_KEY}),
   * so a key is never written in a file.
   */
  public static LiveMarketDataSettings fromConfig(Config etp) {
    Config keys = etp.getConfig("marketdata.keys");
    return fromConfig(etp, name -> keys.hasPath(name) ? keys.getString(name) : null);
  }

  /**
   * From {@code etp.marketdata} and {@code environment} (tests pass a map). A bad value is an
   * {@link IllegalArgumentException} naming the setting.
   */
  public static LiveMarketDataSettings fromConfig(Config etp, Function<String, String> environment) {
    Config m = etp.getConfig("marketdata");
    Optional<Entsoe> entsoe = ApiKey.fromEnvironment(EntsoeDayAheadClient.TOKEN_VARIABLE, environment).map(key -> {
      Config c = m.getConfig("entsoe");
      String zone = c.getString("bidding-zone").trim();
      if (zone.isEmpty()) {
        throw new IllegalArgumentException("etp.marketdata.entsoe.bidding-zone (ETP_ENTSOE_BIDDING_ZONE) must be set"
            + " when " + EntsoeDayAheadClient.TOKEN_VARIABLE + " is");
      }
      int history = c.getInt("history-days");
      if (history < 0 || history > 365) {
        throw new IllegalArgumentException("etp.marketdata.entsoe.history-days must be within 0..365: " + history);
      }
      return new Entsoe(key, zone, history, HttpSourceSettings.fromConfig(c.getConfig("http"), HttpSourceSettings.ENTSOE_BASE_URL),
          ResilienceSettings.fromConfig(c.getConfig("resilience")), ValidationSettings.fromConfig(c.getConfig("validation")));
    });
    Optional<OpenMeteo> openMeteo = ApiKey.fromEnvironment(OpenMeteoClient.KEY_VARIABLE, environment).map(key -> {
      Config c = m.getConfig("open-meteo");
      double lat = c.getDouble("latitude-deg");
      double lon = c.getDouble("longitude-deg");
      if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
        throw new IllegalArgumentException("etp.marketdata.open-meteo: latitude-deg/longitude-deg out of range: "
            + lat + ", " + lon);
      }
      return new OpenMeteo(key, lat, lon, c.getInt("forecast-days"),
          HttpSourceSettings.fromConfig(c.getConfig("http"), HttpSourceSettings.OPEN_METEO_CUSTOMER_BASE_URL),
          ResilienceSettings.fromConfig(c.getConfig("resilience")));
    });
    Optional<ApiKey> drKey = ApiKey.fromEnvironment(OpenAdrClient.TOKEN_VARIABLE, environment);
    String vtn = Optional.ofNullable(environment.apply(OpenAdrClient.BASE_URL_VARIABLE)).orElse("").trim();
    if (drKey.isPresent() != !vtn.isEmpty()) {
      throw new IllegalArgumentException("OpenADR needs both " + OpenAdrClient.TOKEN_VARIABLE + " and "
          + OpenAdrClient.BASE_URL_VARIABLE + "; only one is set");
    }
    Optional<OpenAdr> openAdr = drKey.map(key -> {
      Config c = m.getConfig("openadr");
      URI base;
      try {
        base = URI.create(vtn);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(OpenAdrClient.BASE_URL_VARIABLE + " is not a URL", e);
      }
      if (base.getScheme() == null || base.getHost() == null) {
        throw new IllegalArgumentException(OpenAdrClient.BASE_URL_VARIABLE + " must be an absolute http(s) URL");
      }
      Map<String, Set<String>> areas = new LinkedHashMap<>();
      Config a = c.getConfig("areas");
      for (String program : a.root().keySet()) {
        areas.put(program, Set.copyOf(a.getStringList("\"" + program + "\"")));
      }
      String program = c.getString("program-id").trim();
      return new OpenAdr(key, program.isEmpty() ? Optional.empty() : Optional.of(program), Map.copyOf(areas),
          HttpSourceSettings.fromConfig(c.getConfig("http"), base), ResilienceSettings.fromConfig(c.getConfig("resilience")));
    });
    return new LiveMarketDataSettings(entsoe, openMeteo, openAdr);
  }
}
