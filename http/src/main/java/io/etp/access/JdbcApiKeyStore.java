package io.etp.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * API keys in the {@code api_keys} table (Flyway migration V3__access.sql, PostgreSQL and H2). Labels are unique over
 * all keys ever created, revoked ones included, so an audit entry's label always names one key.
 */
public final class JdbcApiKeyStore implements ApiKeyStore {

  private static final String COLUMNS = "id, label, role, key_prefix, created_at, revoked_at";

  private final AccessDatabase db;
  private final Clock clock;

  public JdbcApiKeyStore(AccessDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public CompletionStage<IssuedKey> create(String label, Role role) {
    String secret = KeySecrets.generate();
    return db.run(c -> new IssuedKey(insert(c, label, role, secret, KeySecrets.prefix(secret)), secret));
  }

  @Override
  public CompletionStage<Provisioned> provision(String label, Role role, String rawSecret) {
    String hash = KeySecrets.hash(rawSecret);
    return db.run(c -> {
      Optional<ApiKey> existing = findByHash(c, hash, false);
      if (existing.isPresent()) {
        return new Provisioned(existing.get(), false);
      }
      try (PreparedStatement revoke = c.prepareStatement(
          "UPDATE api_keys SET revoked_at = ? WHERE label LIKE ? AND revoked_at IS NULL")) {
        revoke.setObject(1, now());
        revoke.setString(2, label + "%");
        revoke.executeUpdate();
      }
      String suffix = hash.substring(0, 8);
      return new Provisioned(insert(c, label + "-" + suffix, role, rawSecret, "env:" + suffix), true);
    });
  }

  @Override
  public CompletionStage<List<ApiKey>> list() {
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at DESC, label");
          ResultSet rs = ps.executeQuery()) {
        List<ApiKey> keys = new ArrayList<>();
        while (rs.next()) {
          keys.add(read(rs));
        }
        return keys;
      }
    });
  }

  @Override
  public CompletionStage<ApiKey> revoke(String id) {
    return db.run(c -> {
      ApiKey key = findById(c, id).orElseThrow(() -> new KeyNotFoundException(id));
      if (!key.active()) {
        throw new KeyConflictException("already_revoked", "API key '" + key.label() + "' is already revoked");
      }
      OffsetDateTime at = now();
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
        ps.setObject(1, at);
        ps.setString(2, id);
        ps.executeUpdate();
      }
      return new ApiKey(key.id(), key.label(), key.role(), key.prefix(), key.createdAt(), at.toInstant());
    });
  }

  @Override
  public CompletionStage<Optional<ApiKey>> findActiveByHash(String hash) {
    return db.run(c -> findByHash(c, hash, true));
  }

  @Override
  public CompletionStage<Boolean> hasActiveAdmin() {
    return db.run(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT COUNT(*) FROM api_keys WHERE role = 'admin' AND revoked_at IS NULL");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    });
  }

  private ApiKey insert(Connection c, String label, Role role, String secret, String prefix) throws SQLException {
    try (PreparedStatement check = c.prepareStatement("SELECT 1 FROM api_keys WHERE label = ?")) {
      check.setString(1, label);
      try (ResultSet rs = check.executeQuery()) {
        if (rs.next()) {
          throw new KeyConflictException("duplicate_label", "an API key labelled '" + label + "' exists already");
        }
      }
    }
    ApiKey key = new ApiKey(UUID.randomUUID().toString(), label, role, prefix, now().toInstant(), null);
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO api_keys (id, label, role, key_hash, key_prefix, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, key.id());
      ps.setString(2, label);
      ps.setString(3, role.wireName());
      ps.setString(4, KeySecrets.hash(secret));
      ps.setString(5, prefix);
      ps.setObject(6, OffsetDateTime.ofInstant(key.createdAt(), ZoneOffset.UTC));
      ps.executeUpdate();
    } catch (SQLException e) {
      // a concurrent insert from another node won the unique constraint
      if ("23505".equals(e.getSQLState())) {
        throw new KeyConflictException("duplicate_label", "an API key labelled '" + label + "' exists already");
      }
      throw e;
    }
    return key;
  }

  private Optional<ApiKey> findByHash(Connection c, String hash, boolean activeOnly) throws SQLException {
    String sql = "SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = ?" + (activeOnly ? " AND revoked_at IS NULL" : "");
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, hash);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  private Optional<ApiKey> findById(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  private static ApiKey read(ResultSet rs) throws SQLException {
    OffsetDateTime revoked = rs.getObject("revoked_at", OffsetDateTime.class);
    return new ApiKey(rs.getString("id"), rs.getString("label"),
        Role.parse(rs.getString("role")).orElseThrow(() -> new SQLException("unknown role in api_keys")),
        rs.getString("key_prefix"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        revoked == null ? null : revoked.toInstant());
  }

  private OffsetDateTime now() {
    // microseconds: what both databases store, so a created key reads back exactly as it was answered
    return OffsetDateTime.ofInstant(Instant.now(clock).truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }
}
