package io.etp.marketdata;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.pattern.CircuitBreaker;
import org.apache.pekko.pattern.CircuitBreakerOpenException;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Turns a remote fetch into a resilient polling {@link Source}: every poll goes through this source's own
 * {@link CircuitBreaker}; a failed poll is recorded in the {@link IngestReport} and fails the inner stream, which
 * {@link RestartSource#withBackoff} restarts with exponential backoff. A permanent failure (bad credentials) is not
 * retried: the source fails with it. Items already delivered unchanged are not emitted again (counted as
 * {@link IssueKind#REDELIVERED_UNCHANGED}); a changed item (same key, other value) is emitted as a revision.
 *
 * @param <T> item type, e.g. {@link PricePoint}
 */
public final class ResilientPolling<T> {

  private enum Tick { INSTANCE }

  private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

  private final String sourceName;
  private final Supplier<CompletionStage<List<T>>> fetch;
  private final Function<T, Object> key;
  private final ResilienceSettings settings;
  private final IngestReport report;
  private final CircuitBreaker breaker;
  private final ActorSystem system;
  private volatile PollListener listener = PollListener.NONE;

  /** Told the outcome of every poll (health checks); must not block. */
  @FunctionalInterface
  public interface PollListener {
    PollListener NONE = (source, failure) -> { };

    /** @param failure empty when the poll succeeded */
    void polled(String source, Optional<FetchFailure> failure);
  }

  /**
   * @param sourceName name in counters and failures, e.g. {@code entsoe}
   * @param fetch      one poll; must fail with {@link FetchFailure} (other exceptions count as unreachable)
   * @param key        identity of an item across polls, e.g. zone, start and resolution of a price
   */
  public ResilientPolling(String sourceName, Supplier<CompletionStage<List<T>>> fetch, Function<T, Object> key,
      ResilienceSettings settings, IngestReport report, ClassicActorSystemProvider system) {
    this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
    this.fetch = Objects.requireNonNull(fetch, "fetch");
    this.key = Objects.requireNonNull(key, "key");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.report = Objects.requireNonNull(report, "report");
    this.system = system.classicSystem();
    this.breaker = CircuitBreaker.create(this.system.scheduler(), settings.breakerMaxFailures(),
        settings.breakerCallTimeout(), settings.breakerResetTimeout());
    breaker.addOnOpenListener(() ->
        report.record(sourceName, new IngestIssue.CircuitStateChanged(true, settings.breakerResetTimeout())));
    breaker.addOnCloseListener(() ->
        report.record(sourceName, new IngestIssue.CircuitStateChanged(false, settings.breakerResetTimeout())));
  }

  /** Tells {@code newListener} the outcome of every later poll; returns this. */
  public ResilientPolling<T> withListener(PollListener newListener) {
    this.listener = Objects.requireNonNull(newListener, "listener");
    return this;
  }

  /** This source's breaker, for health checks. */
  public CircuitBreaker breaker() {
    return breaker;
  }

  public String sourceName() {
    return sourceName;
  }

  /** One poll through the breaker; failures are recorded and returned as {@link FetchFailure}. */
  public CompletionStage<List<T>> pollOnce() {
    CompletionStage<List<T>> guarded = breaker.callWithCircuitBreakerCS(fetch::get,
        (result, error) -> error.map(e -> asFailure(e).indicatesOutage()).orElse(false));
    CompletableFuture<List<T>> result = new CompletableFuture<>();
    guarded.whenComplete((items, error) -> {
      if (error == null) {
        listener.polled(sourceName, Optional.empty());
        result.complete(items);
      } else {
        FetchFailure failure = asFailure(error);
        report.record(sourceName, new IngestIssue.FetchFailed(failure.kind(), failure.getMessage()));
        listener.polled(sourceName, Optional.of(failure));
        result.completeExceptionally(failure);
      }
    });
    return result;
  }

  /**
   * Polls now and then every {@code pollInterval}, restarting with backoff after failures. Each materialization has
   * its own memory of delivered items; the breaker is shared.
   */
  public Source<T, NotUsed> source() {
    RestartSettings restart = RestartSettings.create(settings.minBackoff(), settings.maxBackoff(), settings.randomFactor())
        .withMaxRestarts(settings.maxRestarts(), settings.maxRestartsWithin())
        .withRestartOn(error -> !asFailure(error).isPermanent());
    Source<List<T>, NotUsed> polls = RestartSource.withBackoff(restart, () ->
        Source.tick(Duration.ZERO, settings.pollInterval(), Tick.INSTANCE)
            .mapAsync(1, tick -> honouringRetryAfter(pollOnce()))
            .mapMaterializedValue(cancellable -> NotUsed.getInstance()));
    return polls
        .mapConcat(items -> items)
        .statefulMap(
            () -> new Remembered<T>(settings.recentItemsRemembered()),
            (remembered, item) -> Pair.create(remembered, remembered.isNew(key.apply(item), item)
                ? Optional.of(item) : Optional.<T>empty()),
            remembered -> Optional.empty())
        .mapConcat(item -> {
          if (item.isEmpty()) {
            report.increment(sourceName, IssueKind.REDELIVERED_UNCHANGED);
          }
          return item.map(List::of).orElse(List.of());
        });
  }

  /**
   * A 429 with {@code Retry-After} fails only after that delay (at most one hour), so the restart that follows does
   * not knock before the provider asked us to.
   */
  private CompletionStage<List<T>> honouringRetryAfter(CompletionStage<List<T>> poll) {
    CompletableFuture<List<T>> result = new CompletableFuture<>();
    poll.whenComplete((items, error) -> {
      if (error == null) {
        result.complete(items);
        return;
      }
      FetchFailure failure = asFailure(error);
      if (failure instanceof FetchFailure.RateLimited limited && limited.retryAfter().isPresent()) {
        Duration wait = limited.retryAfter().get().compareTo(MAX_RETRY_AFTER) < 0
            ? limited.retryAfter().get() : MAX_RETRY_AFTER;
        system.scheduler().scheduleOnce(wait, () -> result.completeExceptionally(limited), system.dispatcher());
      } else {
        result.completeExceptionally(failure);
      }
    });
    return result;
  }

  private FetchFailure asFailure(Throwable error) {
    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause() : error;
    if (cause instanceof FetchFailure failure) {
      return failure;
    }
    if (cause instanceof CircuitBreakerOpenException) {
      return new FetchFailure.CircuitOpen(sourceName, cause);
    }
    if (cause instanceof TimeoutException) {
      return new FetchFailure.TimedOut(sourceName, cause);
    }
    return RemoteHttp.transportFailure(sourceName, cause);
  }

  /** Insertion-ordered memory of the last delivered value per key, bounded by evicting the eldest. */
  private static final class Remembered<T> {
    private final Map<Object, T> delivered;

    Remembered(int capacity) {
      this.delivered = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, T> eldest) {
          return size() > capacity;
        }
      };
    }

    boolean isNew(Object itemKey, T item) {
      T previous = delivered.put(itemKey, item);
      return !item.equals(previous);
    }
  }
}
