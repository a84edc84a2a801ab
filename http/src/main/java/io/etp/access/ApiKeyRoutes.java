package io.etp.access;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.delete;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etp.web.ValidationException;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * Key management, admin only: {@code POST /api/keys} creates a key and shows its secret once, {@code GET /api/keys}
 * lists keys without secrets, {@code DELETE /api/keys/{id}} revokes one. Each change is audited.
 */
public final class ApiKeyRoutes {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._@-]{0,99}");

  private final ApiKeyStore store;
  private final AccessControl access;
  private final Authenticator authenticator;
  private final KeyRevocationListener onRevoked;

  /** {@code onRevoked} closes what a revoked key still holds open (its live streams). */
  public ApiKeyRoutes(ApiKeyStore store, AccessControl access, Authenticator authenticator,
                      KeyRevocationListener onRevoked) {
    this.store = store;
    this.access = access;
    this.authenticator = authenticator;
    this.onRevoked = onRevoked;
  }

  public Route routes() {
    return pathPrefix("api", () -> pathPrefix("keys", () -> concat(
        pathEnd(() -> concat(
            post(() -> access.require(Role.ADMIN, this::create)),
            get(() -> access.require(Role.ADMIN, caller -> onSuccess(store.list(), ApiKeyRoutes::listing))))),
        path(segment(), id -> delete(() -> access.require(Role.ADMIN, caller -> revoke(caller, id)))))));
  }

  private Route create(Caller caller) {
    return extractRequest(request -> entity(Unmarshaller.entityToString(), body -> {
      CreateRequest create = CreateRequest.parse(body);
      return onSuccess(store.create(create.label(), create.role()), issued -> {
        access.audit(AuditKind.KEY_CREATED, caller, request,
            "created " + issued.key().id() + " '" + issued.key().label() + "' as " + issued.key().role().wireName());
        ObjectNode json = keyNode(issued.key()).put("key", issued.secret());
        return complete(StatusCodes.CREATED, HttpEntities.create(ContentTypes.APPLICATION_JSON, json.toString()));
      });
    }));
  }

  private Route revoke(Caller caller, String id) {
    return extractRequest(request -> onSuccess(store.revoke(id), revoked -> {
      authenticator.evict(revoked.id());
      onRevoked.revoked(revoked.id());
      access.audit(AuditKind.KEY_REVOKED, caller, request, "revoked " + revoked.id() + " '" + revoked.label() + "'");
      return complete(StatusCodes.OK, HttpEntities.create(ContentTypes.APPLICATION_JSON, keyNode(revoked).toString()));
    }));
  }

  private static Route listing(List<ApiKey> keys) {
    ArrayNode array = MAPPER.createArrayNode();
    keys.forEach(k -> array.add(keyNode(k)));
    return complete(StatusCodes.OK, HttpEntities.create(ContentTypes.APPLICATION_JSON, array.toString()));
  }

  /** A key as JSON, never with its secret or hash. */
  static ObjectNode keyNode(ApiKey key) {
    ObjectNode node = MAPPER.createObjectNode().put("id", key.id()).put("label", key.label())
        .put("role", key.role().wireName()).put("prefix", key.prefix()).put("created_at", key.createdAt().toString());
    if (key.revokedAt() == null) {
      node.putNull("revoked_at");
    } else {
      node.put("revoked_at", key.revokedAt().toString());
    }
    return node;
  }

  /** The body of {@code POST /api/keys}: {@code {"label":"grafana","role":"viewer"}}. */
  record CreateRequest(String label, Role role) {
    static CreateRequest parse(String body) {
      JsonNode node;
      try {
        node = io.etp.web.JsonBodies.readTree(body);
      } catch (java.io.IOException e) {
        throw new ValidationException("malformed_json", "the body is not JSON");
      }
      if (node == null || !node.isObject()) {
        throw new ValidationException("malformed_json", "the body must be a JSON object");
      }
      String label = node.path("label").asText("").trim();
      if (!LABEL.matcher(label).matches()) {
        throw new ValidationException("invalid_label",
            "label must be 1-100 characters: letters, digits, space, '.', '_', '@', '-', starting with a letter or digit");
      }
      String roleName = node.path("role").asText("");
      Role role = Role.parse(roleName).orElseThrow(() -> new ValidationException("invalid_role",
          "role must be one of viewer, operator, admin; got '" + roleName + "'"));
      return new CreateRequest(label, role);
    }
  }
}
