package io.etp.access;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Where API keys live. Every operation runs off the caller's thread; failures complete the stage exceptionally. */
public interface ApiKeyStore {

  /** Creates a key; fails with {@link KeyConflictException} ({@code duplicate_label}) if the label is taken. */
  CompletionStage<IssuedKey> create(String label, Role role);

  /**
   * Stores a key whose raw secret the operator chose (the bootstrap admin key from ETP_ADMIN_API_KEY). Does nothing
   * if a key with the same hash exists already; otherwise revokes active keys whose label starts with {@code label}
   * and stores this one as {@code label}.
   *
   * @return the stored key and whether it was newly created
   */
  CompletionStage<Provisioned> provision(String label, Role role, String rawSecret);

  /** All keys, newest first, without secrets. */
  CompletionStage<List<ApiKey>> list();

  /** Revokes a key; fails with {@link KeyNotFoundException} or {@link KeyConflictException} ({@code already_revoked}). */
  CompletionStage<ApiKey> revoke(String id);

  /** The active key with this hash, if any. */
  CompletionStage<Optional<ApiKey>> findActiveByHash(String hash);

  /** Whether any active admin key exists. */
  CompletionStage<Boolean> hasActiveAdmin();

  /** The outcome of {@link #provision}. */
  record Provisioned(ApiKey key, boolean created) {}
}
