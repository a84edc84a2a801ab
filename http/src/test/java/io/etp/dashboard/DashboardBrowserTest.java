package io.etp.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.alerts.AlertMonitor;
import io.etp.alerts.AlertRoutes;
import io.etp.alerts.AlertRules;
import io.etp.api.TcpRelay;
import io.etp.api.TestGateway;
import io.etp.live.LiveEvent;
import io.etp.live.LiveEventType;
import java.io.File;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in real headless Chromium against a real node gateway whose stream is fed by this test, as the trading
 * core will feed it. Chromium and its driver are required: without them this test fails, it is never skipped.
 * Screenshots go to http/target/screenshots/ (kept as build artifacts). The tests run in a fixed order, the earliest
 * ones first: later ones publish events that stay in the node's ring, which a page opened afterwards replays.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");

  private TestGateway server;
  private ChromeDriver browser;
  private AlertMonitor monitor;
  private final AtomicReference<AlertRules.Figures> alertFigures = new AtomicReference<>(storage(50));

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
        "the browser test needs Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver");
    // the embedded default: the loopback browser is an anonymous viewer
    // the node's alert monitor and GET /api/alerts/active, over figures this test sets; a ring of 64 events, so that a
    // test can push an event out of what a late page replays
    server = TestGateway.onH2(dir, "etp.access.anonymous-loopback-viewer = on\netp.live.ring-size = 64", gateway -> {
      monitor = new AlertMonitor(new AlertRules(new AlertRules.Thresholds(20, 50, 3, Duration.ofMinutes(5), 1000, 95,
          10)), alertFigures::get, gateway.hub(), Clock.systemUTC());
      return new AlertRoutes(() -> AlertRoutes.of(monitor.active()), gateway.access()).routes();
    });

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1400,1000");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void showsBatteriesAndLiveTradesFiltersTheFeedAndFitsAPhone() throws Exception {
    // published before the page opens: the dashboard gets them by resuming from the node's ring
    server.publishAndAwait(
        status("bat-1", "agg-north", 10, 50, 98, "IDLE"),
        status("bat-2", "agg-north", 30, 50, 91, "CHARGING"),
        status("bat-3", "agg-south", 45, 60, 87, "IN_AUCTION"));

    browser.get(server.http("/").toString());
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    wait.ignoring(StaleElementReferenceException.class);
    wait.until(d -> "open".equals(attribute("#connection-status", "data-state")));
    wait.until(d -> d.findElements(By.cssSelector("#battery-rows tr[data-battery-id]")).size() == 3);
    assertEquals("30 / 50 kWh", text(cellCss("bat-2", "energy")).trim()); // exact, as the API sends it
    assertEquals("91 %", text(cellCss("bat-2", "health")));
    assertEquals("CHARGING", text(cellCss("bat-2", "status")));
    assertEquals("53", text("#kpi-storage-utilisation").replace(" %", ""),
        "storage: 85 of 160 kWh, rounded");

    // live: a status change, an auction with bids, then a trade
    server.publishAndAwait(status("bat-4", "agg-south", 5, 20, 99, "DISCHARGING"));
    wait.until(d -> d.findElements(By.cssSelector("#battery-rows tr[data-battery-id]")).size() == 4);
    // device telemetry reports a health category, not a percentage: the table shows the category
    server.publishAndAwait(event(LiveEventType.BATTERY_STATUS, "bat-5", null, null, LiveEvent.Payload.EMPTY
        .withEnergy(12).withCapacity(13.5).withDeviceHealth("DEGRADED").withVoltage(395).withDischargeRate(0)
        .withStatus("IDLE")));
    wait.until(d -> d.findElements(By.cssSelector("#battery-rows tr[data-battery-id]")).size() == 5);
    assertEquals("DEGRADED", text(cellCss("bat-5", "health")));
    server.publishAndAwait(
        event(LiveEventType.AUCTION_OPENED, "bat-3", "agg-south", "auc-1",
            LiveEvent.Payload.EMPTY.withReserve(10).withEnergy(20)),
        event(LiveEventType.BID_PLACED, "bat-3", "agg-north", "auc-1", LiveEvent.Payload.EMPTY.withPrice(11)),
        event(LiveEventType.BID_PLACED, "bat-3", "agg-south", "auc-1", LiveEvent.Payload.EMPTY.withPrice(12)),
        event(LiveEventType.BID_ACCEPTED, "bat-3", "agg-south", "auc-1", LiveEvent.Payload.EMPTY.withPrice(12)),
        event(LiveEventType.BID_REJECTED, "bat-3", "agg-north", "auc-1",
            LiveEvent.Payload.EMPTY.withReason("below best bid")));
    wait.until(d -> "2".equals(attribute("#auction-rows tr[data-auction-id='auc-1']", "data-bids")));
    assertEquals("12", text( // exact, as the API sends it
        "#auction-rows tr[data-auction-id='auc-1'] td[data-field='best-bid']"));

    server.publishAndAwait(event(LiveEventType.TRADE_CONFIRMED, "bat-3", "agg-south", "auc-1",
        LiveEvent.Payload.EMPTY.withPrice(12).withReserve(10).withEnergy(20)));
    long tradeSeq = server.hub().latestSeq();
    new WebDriverWait(browser, Duration.ofSeconds(2)).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#feed-list li[data-type='TRADE_CONFIRMED'][data-seq='" + tradeSeq + "']")));
    wait.until(d -> "1".equals(attribute("#kpi-trades-per-minute", "data-value")));
    assertEquals(20.0, Double.parseDouble(
        attribute("#kpi-price-improvement", "data-value")), 1e-9,
        "a 12 c/kWh trade on a 10 c/kWh reserve is 20 % over reserve");
    assertEquals("0.0", attribute(
        "#kpi-bid-success tr[data-aggregator='agg-north'] td[data-rate]", "data-rate"), "agg-north: 0 of 1 accepted");
    assertEquals("100.0", attribute(
        "#kpi-bid-success tr[data-aggregator='agg-south'] td[data-rate]", "data-rate"), "agg-south: 1 of 1 accepted");

    server.publishAndAwait(event(LiveEventType.AUCTION_ENDED, "bat-3", "agg-south", "auc-1",
        LiveEvent.Payload.EMPTY), event(LiveEventType.DEVICE_FAILURE, "bat-1", "agg-north", null,
        LiveEvent.Payload.EMPTY.withSeverity("CRITICAL").withReason("inverter fault")));
    wait.until(d -> d.findElements(By.cssSelector("#auction-rows tr")).isEmpty());
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("#alerts-list li[data-type='DEVICE_FAILURE'][data-battery-id='bat-1']")));
    wait.until(d -> "FAILED".equals(text(cellCss("bat-1", "status"))));
    wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
        "return window.Chart && Chart.getChart('chart-price').data.datasets[0].data.length === 1")));
    screenshot("dashboard.png");

    // the feed filter: only trades, then a search that matches nothing
    new Select(browser.findElement(By.id("feed-filter"))).selectByValue("TRADE_CONFIRMED");
    assertEquals(List.of("TRADE_CONFIRMED"), feedTypes());
    new Select(browser.findElement(By.id("feed-filter"))).selectByValue("");
    browser.findElement(By.id("feed-search")).sendKeys("inverter");
    assertEquals(List.of("DEVICE_FAILURE"), feedTypes(), "search finds the failure by its reason");
    browser.findElement(By.id("feed-search")).sendKeys("-no-such-thing");
    assertEquals(List.of(), feedTypes());

    // a phone's width: everything reflows, nothing scrolls sideways
    browser.manage().window().setSize(new Dimension(390, 844));
    wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
        "return document.documentElement.scrollWidth <= window.innerWidth")));
    screenshot("dashboard-phone.png");

    List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .filter(e -> !e.getMessage().contains("/api/batteries") && !e.getMessage().contains("/api/auctions"))
        .toList();
    assertFalse(errors.stream().findAny().isPresent(), "no script errors: " + errors);
  }

  @Test
  @Order(2)
  void theAlertsPanelShowsRaisedAndClearedAlertsAndHowManyAreActive() throws Exception {
    browser.get(server.http("/").toString());
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    wait.ignoring(StaleElementReferenceException.class);
    wait.until(d -> "open".equals(attribute("#connection-status", "data-state")));
    wait.until(d -> "0".equals(attribute("#alert-active", "data-active")));

    server.publishAndAwait(
        alert("BID", "LATENCY_P99_HIGH", "RAISED", "WARNING", "p99 latency of BID messages is 1200 ms"),
        alert("node", "STORAGE_UTILISATION_HIGH", "RAISED", "WARNING", "storage utilisation is 97.0 %"));
    wait.until(d -> "2".equals(attribute("#alert-active", "data-active")));
    assertEquals("2 active", text("#alert-active"));

    server.publishAndAwait(alert("BID", "LATENCY_P99_HIGH", "CLEARED", "INFO", "p99 latency of BID messages is 80 ms"));
    wait.until(d -> "1".equals(attribute("#alert-active", "data-active")));
    assertEquals(1, browser.findElements(By.cssSelector(
        "#alerts-list li[data-type='ALERT'][data-status='CLEARED'][data-battery-id='BID']")).size(),
        "the cleared alert is listed");
    assertEquals(2, browser.findElements(By.cssSelector(
        "#alerts-list li[data-type='ALERT'][data-status='RAISED']")).size(), "both raised alerts stay listed");
  }

  private static LiveEvent alert(String subject, String rule, String status, String severity, String message) {
    return event(LiveEventType.ALERT, subject, null, null, LiveEvent.Payload.EMPTY.withReason(rule).withStatus(status)
        .withSeverity(severity).withMessage(message));
  }

  @Test
  @Order(3)
  void reconnectsByItselfAfterANetworkCutAndResumesWithoutGapsOrDuplicates() throws Exception {
    try (TcpRelay network = new TcpRelay(server.port())) {
      reconnectsThrough(network);
    }
  }

  private void reconnectsThrough(TcpRelay network) throws Exception {
    browser.manage().window().setSize(new Dimension(1400, 1000));
    browser.get("http://127.0.0.1:" + network.port() + "/");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    wait.ignoring(StaleElementReferenceException.class);
    wait.until(d -> "open".equals(attribute("#connection-status", "data-state")));
    server.publishAndAwait(event(LiveEventType.ALERT, "bat-r", null, null,
        LiveEvent.Payload.EMPTY.withSeverity("INFO").withMessage("before the cut")));
    long before = server.hub().latestSeq();
    wait.until(d -> Long.toString(before).equals(attribute("#last-seq", "data-seq")));
    assertEquals("1", attribute("#connection-status", "data-connects"));

    network.cut();
    wait.until(d -> "closed".equals(attribute("#connection-status", "data-state")));
    server.publishAndAwait(
        event(LiveEventType.ALERT, "bat-r", null, null, LiveEvent.Payload.EMPTY.withMessage("during the cut 1")),
        event(LiveEventType.ALERT, "bat-r", null, null, LiveEvent.Payload.EMPTY.withMessage("during the cut 2")));
    Thread.sleep(1500); // the dashboard retries meanwhile and is refused
    assertEquals(Long.toString(before), attribute("#last-seq", "data-seq"), "nothing arrives while the network is down");
    network.restore();
    wait.until(d -> Long.toString(before + 2).equals(attribute("#last-seq", "data-seq")));
    assertEquals("open", attribute("#connection-status", "data-state"));
    assertEquals("2", attribute("#connection-status", "data-connects"), "the dashboard connected a second time");

    new Select(browser.findElement(By.id("feed-filter"))).selectByValue("ALERT");
    browser.findElement(By.id("feed-search")).clear();
    browser.findElement(By.id("feed-search")).sendKeys("cut");
    assertEquals(List.of("during the cut 2", "during the cut 1", "before the cut"), feedMessages(),
        "every event once, in order, none lost while disconnected");
  }

  @Test
  @Order(4)
  void aPageThatConnectsLateShowsTheAlertsAlreadyRaisedAndFollowsTheirClearing() throws Exception {
    browser.manage().window().setSize(new Dimension(1400, 1000));
    long before = server.hub().latestSeq();
    alertFigures.set(storage(97));
    monitor.evaluate(); // raises STORAGE_UTILISATION_HIGH for the node and publishes its RAISED event
    awaitSeq(before + 1);
    // 70 more events push the RAISED event out of the node's ring (64): a page opened now cannot replay it
    for (int i = 0; i < 70; i++) {
      server.publishAndAwait(event(LiveEventType.AUCTION_ENDED, "bat-filler", null, "auc-filler-" + i,
          LiveEvent.Payload.EMPTY));
    }
    HttpResponse<String> ring = server.get("/api/events?limit=1000", null);
    assertEquals(200, ring.statusCode(), ring.body());
    assertFalse(ring.body().contains("STORAGE_UTILISATION_HIGH"), "the raise is no longer in the ring");

    browser.get(server.http("/").toString());
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    wait.ignoring(StaleElementReferenceException.class);
    wait.until(d -> "open".equals(attribute("#connection-status", "data-state")));
    wait.until(d -> "1".equals(attribute("#alert-active", "data-active")));
    String raised = "#alerts-list li[data-type='ALERT'][data-reason='STORAGE_UTILISATION_HIGH']"
        + "[data-battery-id='node'][data-status='RAISED']";
    assertEquals("active-set", attribute(raised, "data-source"), "loaded from GET /api/alerts/active");
    assertTrue(text(raised).contains("storage utilisation is 97.0 %"), text(raised));
    screenshot("dashboard-alerts-late.png");

    // then the stream's CLEARED ends it
    alertFigures.set(storage(50));
    monitor.evaluate();
    wait.until(d -> "0".equals(attribute("#alert-active", "data-active")));
    assertEquals(1, browser.findElements(By.cssSelector("#alerts-list li[data-type='ALERT']"
        + "[data-reason='STORAGE_UTILISATION_HIGH'][data-status='CLEARED']")).size());
  }

  @Test
  @Order(5)
  void latencyP99CountsLiveEventsOnlyNeverReplayedHistory() throws Exception {
    // history: slow events published before the page opens, so the page receives them replayed
    server.publishAndAwait(
        event(LiveEventType.BATTERY_STATUS, "bat-lat", null, null, LiveEvent.Payload.EMPTY.withLatency(5000)),
        event(LiveEventType.BATTERY_STATUS, "bat-lat", null, null, LiveEvent.Payload.EMPTY.withLatency(7000)));
    long replayedUpTo = server.hub().latestSeq();
    browser.get(server.http("/").toString());
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    wait.ignoring(StaleElementReferenceException.class);
    wait.until(d -> "open".equals(attribute("#connection-status", "data-state")));
    wait.until(d -> Long.toString(replayedUpTo).equals(attribute("#last-seq", "data-seq")));
    Thread.sleep(1200); // the KPIs are redrawn every second
    assertEquals("", attribute("#kpi-latency-p99", "data-value"), "replayed history is not latency");
    assertEquals("–", text("#kpi-latency-p99"));

    server.publishAndAwait(event(LiveEventType.BATTERY_STATUS, "bat-lat", null, null,
        LiveEvent.Payload.EMPTY.withLatency(42)));
    wait.until(d -> "42".equals(attribute("#kpi-latency-p99", "data-value")));
    assertEquals("42 ms", text("#kpi-latency-p99"));
  }

  @Test
  @Order(6)
  @SuppressWarnings("unchecked")
  void theClearingPriceChartShowsOneVwapLineAndOneMinMaxBandFor50Batteries() throws Exception {
    browser.get(server.http("/").toString());
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    wait.ignoring(StaleElementReferenceException.class);
    wait.until(d -> "open".equals(attribute("#connection-status", "data-state")));
    // 50 batteries trade in each of the last 4 whole minutes (minute-aligned: each minute is one bucket)
    long firstMinute = (System.currentTimeMillis() / 60000 - 4) * 60000;
    List<LiveEvent> trades = new ArrayList<>();
    java.util.Map<Long, double[]> expected = new java.util.TreeMap<>(); // minute -> {value, energy, min, max}
    for (int k = 0; k < 4; k++) {
      long minute = firstMinute + k * 60000L;
      for (int b = 0; b < 50; b++) {
        double price = 10 + b % 10 + k + (b % 3) * 0.25;
        double energy = 1 + b % 5;
        trades.add(LiveEvent.of(LiveEventType.TRADE_CONFIRMED, Instant.ofEpochMilli(minute), "bess-" + b,
            "agg-" + b % 5, "auc-" + k + "-" + b, LiveEvent.Payload.EMPTY.withPrice(price).withReserve(9)
                .withEnergy(energy)));
        double[] e = expected.computeIfAbsent(minute, m -> new double[] {0, 0, Double.MAX_VALUE, -Double.MAX_VALUE});
        e[0] += price * energy;
        e[1] += energy;
        e[2] = Math.min(e[2], price);
        e[3] = Math.max(e[3], price);
      }
    }
    server.publishAndAwait(trades.toArray(LiveEvent[]::new));
    String points = "const c = Chart.getChart('chart-price');"
        + " return c.data.datasets.map(d => [d.label, d.data.map(p => [p.x, p.y])]);";
    wait.until(d -> {
      List<List<Object>> sets = (List<List<Object>>) ((JavascriptExecutor) d).executeScript(points);
      return ((List<?>) sets.get(0).get(1)).size() == 4;
    });
    List<List<Object>> sets = (List<List<Object>>) ((JavascriptExecutor) browser).executeScript(points);
    assertEquals(List.of("VWAP", "min–max", "min", "reserve"), sets.stream().map(s -> s.get(0)).toList(),
        "four series for 50 batteries, not one line each");
    List<Long> minutes = new ArrayList<>(expected.keySet());
    for (int k = 0; k < 4; k++) {
      double[] e = expected.get(minutes.get(k));
      assertPoint(sets.get(0), k, minutes.get(k), e[0] / e[1], "VWAP");
      assertPoint(sets.get(1), k, minutes.get(k), e[3], "max");
      assertPoint(sets.get(2), k, minutes.get(k), e[2], "min");
      assertPoint(sets.get(3), k, minutes.get(k), 9, "reserve");
    }
    screenshot("dashboard-price-50-batteries.png");
  }

  @SuppressWarnings("unchecked")
  private static void assertPoint(List<Object> set, int index, long x, double y, String what) {
    List<Object> point = ((List<List<Object>>) set.get(1)).get(index);
    assertEquals(x, ((Number) point.get(0)).longValue(), what + " bucket start");
    assertEquals(y, ((Number) point.get(1)).doubleValue(), 1e-9, what + " at " + Instant.ofEpochMilli(x));
  }

  private void awaitSeq(long seq) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (server.hub().latestSeq() < seq) {
      assertTrue(System.nanoTime() < deadline, "the hub sequenced seq " + seq + " within 5 s");
      Thread.sleep(5);
    }
  }

  private static AlertRules.Figures storage(double pct) {
    return new AlertRules.Figures(java.util.Map.of(), 0, java.util.Map.of(), OptionalDouble.of(pct));
  }

  @SuppressWarnings("unchecked")
  private List<String> feedMessages() {
    return (List<String>) ((JavascriptExecutor) browser).executeScript(
        "return [...document.querySelectorAll('#feed-list li')].map(li => li.lastChild.textContent);");
  }

  private static String cellCss(String battery, String field) {
    return "#battery-rows tr[data-battery-id='" + battery + "'] td[data-field='" + field + "']";
  }

  /** Reads in one script call: the panels are re-rendered every frame, so element references go stale. */
  private String text(String css) {
    return (String) ((JavascriptExecutor) browser).executeScript(
        "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css);
  }

  private String attribute(String css, String name) {
    return (String) ((JavascriptExecutor) browser).executeScript(
        "const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;", css, name);
  }

  @SuppressWarnings("unchecked")
  private List<String> feedTypes() {
    return (List<String>) ((JavascriptExecutor) browser).executeScript(
        "return [...document.querySelectorAll('#feed-list li')].map(li => li.dataset.type);");
  }

  private void screenshot(String name) throws Exception {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  private static LiveEvent status(String battery, String aggregator, double energy, double capacity, double health,
                                  String status) {
    return event(LiveEventType.BATTERY_STATUS, battery, aggregator, null, LiveEvent.Payload.EMPTY.withEnergy(energy)
        .withCapacity(capacity).withHealth(health).withStatus(status).withPrice(9.5));
  }

  private static LiveEvent event(LiveEventType type, String battery, String aggregator, String auction,
                                 LiveEvent.Payload payload) {
    return LiveEvent.of(type, Instant.now(), battery, aggregator, auction, payload);
  }
}
