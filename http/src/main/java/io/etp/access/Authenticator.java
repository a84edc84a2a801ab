package io.etp.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Turns presented credentials into a {@link Caller}. Keys found in the store are cached by hash for
 * {@code etp.access.cache-ttl}; revoking a key on this node evicts it at once, on other nodes within the TTL.
 */
public final class Authenticator {

  /** The outcome of one authentication. */
  public sealed interface Outcome {
    record Authenticated(Caller caller) implements Outcome {}

    /** No credentials, and anonymous access does not apply. */
    record Missing() implements Outcome {}

    /** Credentials that match no active key. */
    record Rejected(String reason) implements Outcome {}
  }

  private static final int MAX_CACHED = 10_000;

  private record Cached(ApiKey key, Instant expires) {}

  private final ApiKeyStore store;
  private final Duration ttl;
  private final boolean anonymousLoopbackViewer;
  private final Clock clock;
  private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();

  public Authenticator(ApiKeyStore store, Duration ttl, boolean anonymousLoopbackViewer, Clock clock) {
    this.store = store;
    this.ttl = ttl;
    this.anonymousLoopbackViewer = anonymousLoopbackViewer;
    this.clock = clock;
  }

  /**
   * @param rawKey            the presented key, if any
   * @param directLoopbackPeer the peer's address when it is a loopback address and the request carries no proxy
   *                           forwarding headers; empty otherwise
   */
  public CompletionStage<Outcome> authenticate(Optional<String> rawKey, Optional<String> directLoopbackPeer) {
    if (rawKey.isEmpty()) {
      if (anonymousLoopbackViewer && directLoopbackPeer.isPresent()) {
        String id = "anonymous@" + directLoopbackPeer.get();
        return CompletableFuture.completedFuture(
            new Outcome.Authenticated(new Caller(id, "anonymous", Role.VIEWER, true)));
      }
      return CompletableFuture.completedFuture(new Outcome.Missing());
    }
    String hash = KeySecrets.hash(rawKey.get());
    Instant now = clock.instant();
    Cached cached = cache.get(hash);
    if (cached != null && cached.expires().isAfter(now)) {
      return CompletableFuture.completedFuture(new Outcome.Authenticated(Caller.of(cached.key())));
    }
    return store.findActiveByHash(hash).thenApply(found -> {
      if (found.isEmpty()) {
        cache.remove(hash);
        return new Outcome.Rejected("unknown or revoked key");
      }
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
      cache.put(hash, new Cached(found.get(), now.plus(ttl)));
      return new Outcome.Authenticated(Caller.of(found.get()));
    });
  }

  /**
   * The outcome when it needs no store lookup: the anonymous loopback viewer, or a key verified within the TTL.
   * Empty when the store would have to be asked (an unknown key, or no key where anonymous access does not apply).
   */
  public Optional<Outcome> known(Optional<String> rawKey, Optional<String> directLoopbackPeer) {
    if (rawKey.isEmpty()) {
      return anonymousLoopbackViewer && directLoopbackPeer.isPresent()
          ? Optional.of(authenticate(rawKey, directLoopbackPeer).toCompletableFuture().join())
          : Optional.empty();
    }
    Cached cached = cache.get(KeySecrets.hash(rawKey.get()));
    if (cached != null && cached.expires().isAfter(clock.instant())) {
      return Optional.of(new Outcome.Authenticated(Caller.of(cached.key())));
    }
    return Optional.empty();
  }

  /** Forgets a key at once (after it was revoked here). */
  public void evict(String keyId) {
    cache.values().removeIf(c -> c.key().id().equals(keyId));
  }
}
