package io.etp.bench.ws;

import com.typesafe.config.ConfigFactory;
import io.etp.live.EventFilter;
import io.etp.live.EventHub;
import io.etp.live.LiveEvent;
import io.etp.live.LiveEventType;
import io.etp.live.LiveSettings;
import io.etp.live.Outbound;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The live hub alone, without HTTP or sockets: N in-process subscribers of {@link EventHub#subscribeChunks} receive
 * bursts of events (like the simulated fleet's once-a-second status reports), and the time from each event's
 * sequencing ({@code published_at}) to its arrival at each subscriber goes into an HdrHistogram. Separates the hub's
 * own fan-out cost from the WebSocket path that {@link WsLoadClient} measures end to end.
 */
@Command(name = "hub-fan-out", mixinStandardHelpOptions = true,
    description = "Delivery latency of the live event hub to in-process subscribers, without sockets.")
public final class HubFanOutBenchmark implements Callable<Integer> {

  @Option(names = "--subscribers", defaultValue = "1000", description = "subscribers (default ${DEFAULT-VALUE})")
  int subscribers;

  @Option(names = "--burst", defaultValue = "19", description = "events published at once (default ${DEFAULT-VALUE})")
  int burst;

  @Option(names = "--interval-ms", defaultValue = "500", description = "time between bursts (default ${DEFAULT-VALUE})")
  int intervalMs;

  @Option(names = "--warmup-bursts", defaultValue = "20", description = "bursts not measured (default ${DEFAULT-VALUE})")
  int warmupBursts;

  @Option(names = "--bursts", defaultValue = "40", description = "bursts measured (default ${DEFAULT-VALUE})")
  int bursts;

  public static void main(String[] args) {
    System.exit(new CommandLine(new HubFanOutBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "hub-fan-out",
        ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.load()));
    try {
      Materializer materializer = Materializer.matFromSystem(system);
      EventHub hub = EventHub.start(new LiveSettings(8192, 10_000, 512, 4096, Duration.ofSeconds(5)), materializer);
      ConcurrentHistogram latencyMicros = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
      AtomicBoolean measuring = new AtomicBoolean();
      AtomicLong delivered = new AtomicLong();
      for (int i = 0; i < subscribers; i++) {
        hub.subscribeChunks(EventHub.Resume.LIVE, () -> EventFilter.ALL, 128).runWith(Sink.foreach(chunk -> {
          Instant now = Instant.now();
          for (Outbound out : chunk) {
            if (out instanceof Outbound.Event e && measuring.get()) {
              delivered.incrementAndGet();
              latencyMicros.recordValue(Math.max(0, Duration.between(e.event().publishedAt(), now).toNanos() / 1000));
            }
          }
        }), materializer);
      }
      while (hub.subscriberCount() < subscribers) {
        Thread.sleep(10);
      }
      for (int b = 0; b < warmupBursts + bursts; b++) {
        measuring.set(b >= warmupBursts);
        for (int i = 0; i < burst; i++) {
          hub.publish(LiveEvent.of(LiveEventType.BATTERY_STATUS, Instant.now(), "bat-" + i, null, null,
              LiveEvent.Payload.EMPTY));
        }
        Thread.sleep(intervalMs);
        if ((b + 1) % 10 == 0) {
          System.err.printf("burst %d/%d%n", b + 1, warmupBursts + bursts);
        }
      }
      System.out.printf("subscribers %d, burst %d every %d ms, %d bursts measured: %d deliveries, "
              + "p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms, dropped at input %d%n",
          subscribers, burst, intervalMs, bursts, delivered.get(), latencyMicros.getValueAtPercentile(50) / 1000.0,
          latencyMicros.getValueAtPercentile(99) / 1000.0, latencyMicros.getValueAtPercentile(99.9) / 1000.0,
          latencyMicros.getMaxValue() / 1000.0, hub.droppedAtInput());
      hub.shutdown();
      return 0;
    } finally {
      system.terminate();
    }
  }
}
