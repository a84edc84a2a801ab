package io.etp.marketfeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.etp.battery.Battery;
import io.etp.fleet.Fleet;
import io.etp.fleet.FleetDemandResponse;
import io.etp.fleet.FleetSettings;
import io.etp.forecast.LearForecaster;
import io.etp.forecasting.ZoneForecaster;
import io.etp.marketdata.FeedStatus;
import io.etp.marketdata.FetchFailure;
import io.etp.marketdata.IngestReport;
import io.etp.trading.TradingCore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The node-side wiring of the live feeds against real HTTP servers on 127.0.0.1 that speak ENTSO-E, Open-Meteo and
 * OpenADR: the forecaster gets the prices and weather on the feeds' schedule, a demand-response event changes the
 * offers of its area's batteries only, and an outage of a source shows on the {@link FeedBoard} and raises (then
 * clears) its alert while the fleet keeps trading.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveMarketDataTest {

  private static final Duration POLL = Duration.ofMillis(400);
  private static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);

  private ActorTestKit testKit;
  private TradingCore core;
  /** One board per node (system), as on the node; what it announced. */
  private FeedBoard board;
  private final List<FeedStatus> announced = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() {
    testKit = ActorTestKit.create("live-market-data", ConfigFactory.parseString("""
            pekko.actor.provider = cluster
            pekko.remote.artery.canonical.hostname = 127.0.0.1
            pekko.remote.artery.canonical.port = 0
            pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
            pekko.cluster.distributed-data.notify-subscribers-interval = 100ms
            pekko.actor.testkit.typed.system-shutdown-default = 60s
            etp.battery.auction.window = 1s
            """)
        .withFallback(PersistenceTestKitPlugin.getInstance().config())
        .withFallback(PersistenceTestKitSnapshotPlugin.config())
        .withFallback(ConfigFactory.load()));
    Cluster cluster = Cluster.get(testKit.system());
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    testKit.createTestProbe().awaitAssert(Duration.ofSeconds(20), () -> {
      assertEquals(MemberStatus.up(), cluster.selfMember().status());
      return null;
    });
    core = TradingCore.init(testKit.system());
    board = FeedBoard.start(testKit.system(), Clock.systemUTC(), announced::addAll);
  }

  @AfterAll
  void stop() {
    testKit.shutdownTestKit();
  }

  /** etp with every feed's base URL and a fast schedule. */
  private static Config etp(String entsoe, String meteo) {
    String resilience = "resilience { poll-interval = " + POLL.toMillis() + "ms, min-backoff = 100ms, max-backoff = 400ms,"
        + " random-factor = 0, breaker { max-failures = 2, call-timeout = 5s, reset-timeout = 500ms } }";
    return ConfigFactory.parseString("""
        marketdata {
          entsoe { bidding-zone = "10YBE----------2", history-days = 3, http { base-url = "%s", connect-timeout = 1s,
            request-timeout = 2s }, %s, validation {} }
          open-meteo { latitude-deg = 50.85, longitude-deg = 4.35, forecast-days = 1, http { base-url = "%s" }, %s }
          openadr { program-id = "", areas { north = [bess-1] }, http { connect-timeout = 1s, request-timeout = 2s },
            %s }
        }
        """.formatted(entsoe, resilience, meteo, resilience, resilience));
  }

  /** An A44 document with two UTC days of hourly prices from today: hour h of day d costs 100 d + h. */
  private static String entsoeTwoDays() {
    StringBuilder xml = new StringBuilder("""
        <?xml version="1.0" encoding="UTF-8"?>
        <Publication_MarketDocument xmlns="urn:iec62325.351:tc57wg16:451-3:publicationdocument:7:3">
          <type>A44</type>
        """);
    for (int d = 0; d < 2; d++) {
      Instant start = TODAY.plus(Duration.ofDays(d));
      xml.append("""
            <TimeSeries><in_Domain.mRID codingScheme="A01">10YBE----------2</in_Domain.mRID>
              <out_Domain.mRID codingScheme="A01">10YBE----------2</out_Domain.mRID>
              <currency_Unit.name>EUR</currency_Unit.name><price_Measure_Unit.name>MWH</price_Measure_Unit.name>
              <curveType>A01</curveType>
              <Period><timeInterval><start>%s</start><end>%s</end></timeInterval><resolution>PT60M</resolution>
          """.formatted(minute(start), minute(start.plus(Duration.ofDays(1)))));
      for (int h = 0; h < 24; h++) {
        xml.append("<Point><position>").append(h + 1).append("</position><price.amount>").append(100 * d + h)
            .append("</price.amount></Point>\n");
      }
      xml.append("</Period></TimeSeries>\n");
    }
    return xml.append("</Publication_MarketDocument>\n").toString();
  }

  private static String minute(Instant t) {
    return t.atOffset(ZoneOffset.UTC).toLocalDateTime().toString() + "Z";
  }

  private static String openMeteo() {
    StringBuilder times = new StringBuilder();
    StringBuilder temps = new StringBuilder();
    StringBuilder zeros = new StringBuilder();
    for (int h = 0; h < 24; h++) {
      String sep = h == 0 ? "" : ",";
      times.append(sep).append('"').append(TODAY.plus(Duration.ofHours(h)).atOffset(ZoneOffset.UTC).toLocalDateTime())
          .append('"');
      temps.append(sep).append(h);
      zeros.append(sep).append("0");
    }
    return """
        {"latitude":50.84,"longitude":4.36,"timezone":"UTC",
         "hourly_units":{"time":"iso8601","temperature_2m":"°C","wind_speed_10m":"m/s","shortwave_radiation":"W/m²",
           "cloud_cover":"%%"},
         "hourly":{"time":[%s],"temperature_2m":[%s],"wind_speed_10m":[%s],"shortwave_radiation":[%s],
           "cloud_cover":[%s]}}
        """.formatted(times, temps, zeros, zeros, zeros);
  }

  /** One event of program {@code north}, now and for the next hour, at SIMPLE level 3. */
  private static String openAdrEvent() {
    Instant start = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
    return """
        [{"id":"dr-1","objectType":"EVENT","programID":"north","eventName":"peak",
          "intervalPeriod":{"start":"%s","duration":"PT1H"},
          "intervals":[{"id":0,"payloads":[{"type":"SIMPLE","values":[3]}]}]}]
        """.formatted(start);
  }

  private static Map<String, String> env(String vtn) {
    return Map.of("MARKET_API_KEY", "entsoe-token", "WEATHER_API_KEY", "meteo-key", "DR_API_KEY", "dr-token",
        "DR_VTN_URL", vtn);
  }

  @Test
  void withKeysTheForecasterGetsThePricesAndWeatherOnTheFeedsSchedule() throws Exception {
    try (FeedServer entsoe = new FeedServer("application/xml", LiveMarketDataTest::entsoeTwoDays);
         FeedServer meteo = new FeedServer("application/json", LiveMarketDataTest::openMeteo);
         FeedServer vtn = new FeedServer("application/json", () -> "[]")) {
      LiveMarketDataSettings settings = LiveMarketDataSettings.fromConfig(etp(entsoe.baseUrl(), meteo.baseUrl()),
          env(vtn.baseUrl())::get);
      LiveMarketData live = LiveMarketData.create(settings, testKit.system(), Clock.systemUTC(), new IngestReport(),
          board);
      var forecaster = testKit.spawn(ZoneForecaster.create(new ZoneForecaster.Dependencies("BE", ZoneOffset.UTC,
          "EUR", live.prices().orElseThrow(), new LearForecaster(9), 10, ForkJoinPool.commonPool(),
          live.weather().orElseThrow())));
      TestProbe<ZoneForecaster.Published> subscriber = testKit.createTestProbe();
      forecaster.tell(new ZoneForecaster.Subscribe(subscriber.ref()));

      List<Double> hours = new ArrayList<>();
      ZoneForecaster.DayClosed closed = null;
      ZoneForecaster.DayClosed tomorrow = null;
      while (tomorrow == null || hours.size() < 48) {
        ZoneForecaster.Published p = subscriber.receiveMessage(Duration.ofSeconds(15));
        if (p instanceof ZoneForecaster.HourObserved h) hours.add(h.point().pricePerMwh());
        if (p instanceof ZoneForecaster.DayClosed c) {
          if (closed == null) closed = c; else tomorrow = c;
        }
      }
      assertEquals(TODAY.atOffset(ZoneOffset.UTC).toLocalDate(), closed.day());
      assertEquals(TODAY.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1), tomorrow.day());
      assertEquals(100.0, hours.get(24), 1e-9, "tomorrow's first hour");
      assertEquals(123.0, hours.get(47), 1e-9, "tomorrow's last hour");
      for (int h = 0; h < 24; h++) {
        assertEquals(h, closed.pricesPerMwh().get(h), 1e-9, "hour " + h + " of today as ENTSO-E sent it");
      }
      // polled again on its schedule (each poll asks for today and tomorrow with the key), nothing emitted twice
      long start = System.nanoTime();
      subscriber.awaitAssert(Duration.ofSeconds(10), () -> {
        assertTrue(entsoe.requests().size() >= 4, entsoe.requests().toString());
        return null;
      });
      double elapsedPolls = (System.nanoTime() - start) / (double) POLL.toNanos();
      assertTrue(entsoe.requests().get(0).contains("securityToken=entsoe-token"));
      assertTrue(entsoe.requests().get(0).contains("documentType=A44"));
      // the first poll fetches the history the forecaster calibrates on, the next ones today and tomorrow
      java.time.format.DateTimeFormatter period = java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmm")
          .withZone(ZoneOffset.UTC);
      assertTrue(entsoe.requests().get(0).contains("periodStart=" + period.format(TODAY.minus(Duration.ofDays(3)))),
          entsoe.requests().get(0));
      assertTrue(entsoe.requests().get(1).contains("periodStart=" + period.format(TODAY)), entsoe.requests().get(1));
      assertTrue(entsoe.requests().get(1).contains("periodEnd=" + period.format(TODAY.plus(Duration.ofDays(2)))),
          entsoe.requests().get(1));
      subscriber.expectNoMessage(POLL.multipliedBy(2));
      assertTrue(elapsedPolls < 12, "4 polls at a " + POLL + " interval took " + elapsedPolls + " intervals");

      TestProbe<ZoneForecaster.Weather> weather = testKit.createTestProbe();
      weather.awaitAssert(Duration.ofSeconds(10), () -> {
        forecaster.tell(new ZoneForecaster.GetWeather(weather.ref()));
        List<io.etp.marketdata.WeatherPoint> got = weather.receiveMessage().hours();
        assertEquals(24, got.size());
        assertEquals(23.0, got.get(23).temperatureCelsius(), 1e-9);
        return null;
      });
      testKit.stop(forecaster);
      assertTrue(board.current().get("entsoe:10YBE----------2").up(), board.current().toString());
    }
  }

  @Test
  void aDemandResponseEventChangesTheOffersOfItsAreaOnlyAndAnOutageIsRaisedAndClearedWhileTradingGoesOn()
      throws Exception {
    try (FeedServer vtn = new FeedServer("application/json", LiveMarketDataTest::openAdrEvent)) {
      Config etp = etp("http://127.0.0.1:9", "http://127.0.0.1:9");
      LiveMarketDataSettings settings = LiveMarketDataSettings.fromConfig(etp,
          Map.of("DR_API_KEY", "dr-token", "DR_VTN_URL", vtn.baseUrl() + "/openadr3/3.0.1")::get);
      assertTrue(settings.entsoe().isEmpty() && settings.openMeteo().isEmpty(), "only the keys given run");
      LiveMarketData live = LiveMarketData.create(settings, testKit.system(), Clock.systemUTC(), new IngestReport(),
          board);
      FleetSettings fleet = new FleetSettings(2, 1, Duration.ofSeconds(2), true, 13.5, 50, 1_000_000, 1_000_000_000,
          15.0, 19.0);
      testKit.spawn(Fleet.create(core, fleet, Clock.systemUTC(),
          new FleetDemandResponse(live.demandResponse().orElseThrow(), live.batteriesOfArea())), "dr-fleet");

      TestProbe<Object> probe = testKit.createTestProbe();
      probe.awaitAssert(Duration.ofSeconds(30), Duration.ofMillis(300), () -> {
        assertEquals(0.0, status("bess-1").state().spec().percentageForSale(), "bess-1 is in area north");
        assertEquals(50.0, status("bess-2").state().spec().percentageForSale(), "bess-2 is in no area");
        return null;
      });
      assertEquals("/openadr3/3.0.1/events?null", vtn.requests().get(0));
      assertTrue(announced.stream().noneMatch(a -> a.source().equals("openadr")), announced.toString());
      announced.clear();
      long auctionsBefore = status("bess-2").state().auctionsOpened();

      vtn.stop();
      probe.awaitAssert(Duration.ofSeconds(15), Duration.ofMillis(100), () -> {
        FeedStatus s = board.current().get("openadr");
        assertFalse(s.up(), String.valueOf(s));
        assertTrue(Optional.of(FetchFailure.Kind.UNREACHABLE).equals(s.failure())
            || Optional.of(FetchFailure.Kind.CIRCUIT_OPEN).equals(s.failure()), s.line());
        assertEquals(1, announced.size(), announced.toString());
        assertFalse(announced.get(0).up());
        return null;
      });
      // trading goes on during the outage, with the offers the last known event decided
      probe.awaitAssert(Duration.ofSeconds(20), Duration.ofMillis(300), () -> {
        assertTrue(status("bess-2").state().auctionsOpened() > auctionsBefore);
        assertEquals(0.0, status("bess-1").state().spec().percentageForSale());
        return null;
      });
      assertFalse(board.current().get("openadr").up());

      vtn.restart();
      probe.awaitAssert(Duration.ofSeconds(15), Duration.ofMillis(100), () -> {
        assertTrue(board.current().get("openadr").up(), board.current().toString());
        assertEquals(2, announced.size(), announced.toString());
        assertTrue(announced.get(1).up(), "cleared");
        return null;
      });
    }
  }

  private Battery.BatteryStatus status(String batteryId) throws Exception {
    return core.battery(batteryId).<Battery.BatteryStatus>ask(Battery.GetStatus::new, Duration.ofSeconds(5))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
