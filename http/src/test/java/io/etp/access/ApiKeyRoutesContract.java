package io.etp.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etp.api.TestGateway;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Key management and the access gate over real HTTP against a real database; {@link ApiKeyRoutesH2Test} and
 * {@link ApiKeyRoutesPostgresTest} run it on each database the node supports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiKeyRoutesContract {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final String CONFIG = """
      etp.access.anonymous-loopback-viewer = off
      etp.access.rate-limit.enabled = off
      """;

  private TestGateway server;

  abstract TestGateway startServer() throws Exception;

  @BeforeAll
  void start() throws Exception {
    server = startServer();
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  @Test
  void createsAKeyShowingItsSecretOnceAndListsKeysWithoutSecrets() throws Exception {
    String label = unique("grafana");
    HttpResponse<String> created = server.post("/api/keys", server.adminKey, body(label, "viewer"));
    assertEquals(201, created.statusCode(), created.body());
    JsonNode key = JSON.readTree(created.body());
    String secret = key.path("key").asText();
    assertTrue(secret.startsWith("etp_") && secret.length() > 40, "a high-entropy key: " + secret);
    assertEquals("viewer", key.path("role").asText());
    assertEquals(secret.substring(0, 10), key.path("prefix").asText());

    HttpResponse<String> list = server.get("/api/keys", server.adminKey);
    assertEquals(200, list.statusCode());
    JsonNode listed = find(JSON.readTree(list.body()), label);
    assertNotNull(listed, "the new key is listed");
    assertFalse(listed.has("key"), "the listing never holds secrets");
    assertFalse(list.body().contains(secret), "the listing never holds secrets");
    assertFalse(list.body().contains(KeySecrets.hash(secret)), "the listing never holds hashes");
    assertTrue(listed.path("revoked_at").isNull());

    assertEquals(200, server.get("/api/events", secret).statusCode(), "the new key works at once");
  }

  @Test
  void requestsWithoutAKeyAreUnauthorized() throws Exception {
    HttpResponse<String> response = server.get("/api/keys", null);
    assertEquals(401, response.statusCode());
    assertEquals("missing_credentials", JSON.readTree(response.body()).path("error").asText());
    assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
  }

  @Test
  void anUnknownKeyIsUnauthorizedInEitherHeader() throws Exception {
    HttpResponse<String> bearer = server.get("/api/events", KeySecrets.generate());
    assertEquals(401, bearer.statusCode());
    assertEquals("invalid_credentials", JSON.readTree(bearer.body()).path("error").asText());
    HttpResponse<String> apiKeyHeader = server.send(java.net.http.HttpRequest.newBuilder(server.http("/api/events"))
        .header("X-Api-Key", KeySecrets.generate()).GET(), null);
    assertEquals(401, apiKeyHeader.statusCode());
  }

  @Test
  void theXApiKeyHeaderAuthenticates() throws Exception {
    HttpResponse<String> response = server.send(java.net.http.HttpRequest.newBuilder(server.http("/api/keys"))
        .header("X-Api-Key", server.adminKey).GET(), null);
    assertEquals(200, response.statusCode());
  }

  @Test
  void viewersAndOperatorsCannotManageKeysButCanReadEvents() throws Exception {
    String viewer = createKey(unique("viewer"), "viewer");
    String operator = createKey(unique("operator"), "operator");

    HttpResponse<String> viewerCreate = server.post("/api/keys", viewer, body(unique("x"), "admin"));
    assertEquals(403, viewerCreate.statusCode());
    assertEquals("forbidden", JSON.readTree(viewerCreate.body()).path("error").asText());
    assertEquals(403, server.post("/api/keys", operator, body(unique("y"), "viewer")).statusCode());
    assertEquals(403, server.get("/api/keys", operator).statusCode());
    assertEquals(403, server.get("/api/audit", operator).statusCode());
    assertEquals(200, server.get("/api/events", viewer).statusCode());
    assertEquals(200, server.get("/api/events", operator).statusCode());
  }

  @Test
  void anUnknownRoleIsABadRequestWithItsReasonCode() throws Exception {
    HttpResponse<String> response = server.post("/api/keys", server.adminKey, body(unique("bad-role"), "superuser"));
    assertEquals(400, response.statusCode());
    assertEquals("invalid_role", JSON.readTree(response.body()).path("error").asText());
  }

  @Test
  void aMissingLabelOrABodyThatIsNotJsonIsABadRequest() throws Exception {
    HttpResponse<String> noLabel = server.post("/api/keys", server.adminKey, "{\"role\":\"viewer\"}");
    assertEquals(400, noLabel.statusCode());
    assertEquals("invalid_label", JSON.readTree(noLabel.body()).path("error").asText());
    HttpResponse<String> notJson = server.post("/api/keys", server.adminKey, "label=x");
    assertEquals(400, notJson.statusCode());
    assertEquals("malformed_json", JSON.readTree(notJson.body()).path("error").asText());
  }

  @Test
  void aDuplicateLabelIsAConflict() throws Exception {
    String label = unique("dup");
    createKey(label, "viewer");
    HttpResponse<String> second = server.post("/api/keys", server.adminKey, body(label, "operator"));
    assertEquals(409, second.statusCode());
    assertEquals("duplicate_label", JSON.readTree(second.body()).path("error").asText());
  }

  @Test
  void revokingAnUnknownKeyIsNotFound() throws Exception {
    HttpResponse<String> response = server.delete("/api/keys/" + UUID.randomUUID(), server.adminKey);
    assertEquals(404, response.statusCode());
    assertEquals("key_not_found", JSON.readTree(response.body()).path("error").asText());
  }

  @Test
  void aRevokedKeyIsRejectedAtOnceAndCannotBeRevokedTwice() throws Exception {
    String label = unique("revoke-me");
    HttpResponse<String> created = server.post("/api/keys", server.adminKey, body(label, "operator"));
    JsonNode key = JSON.readTree(created.body());
    String secret = key.path("key").asText();
    assertEquals(200, server.get("/api/events", secret).statusCode(), "works before (and is now cached)");

    HttpResponse<String> revoked = server.delete("/api/keys/" + key.path("id").asText(), server.adminKey);
    assertEquals(200, revoked.statusCode());
    assertFalse(JSON.readTree(revoked.body()).path("revoked_at").isNull());
    assertEquals(401, server.get("/api/events", secret).statusCode(), "rejected right after revocation");

    HttpResponse<String> again = server.delete("/api/keys/" + key.path("id").asText(), server.adminKey);
    assertEquals(409, again.statusCode());
    assertEquals("already_revoked", JSON.readTree(again.body()).path("error").asText());
    JsonNode listed = find(JSON.readTree(server.get("/api/keys", server.adminKey).body()), label);
    assertFalse(listed.path("revoked_at").isNull(), "the listing shows the revocation");
  }

  @Test
  void securityEventsAreAudited() throws Exception {
    String label = unique("audited");
    String viewer = createKey(label, "viewer");
    server.get("/api/keys", KeySecrets.generate());
    server.get("/api/keys", viewer);

    HttpResponse<String> response = server.get("/api/audit?limit=50", server.adminKey);
    assertEquals(200, response.statusCode());
    List<String> kinds = new ArrayList<>();
    JsonNode entries = JSON.readTree(response.body());
    entries.forEach(e -> kinds.add(e.path("kind").asText() + " " + e.path("resource").asText()));
    assertTrue(kinds.contains("AUTH_FAILED GET /api/keys"), kinds.toString());
    assertTrue(kinds.contains("ROLE_DENIED GET /api/keys"), kinds.toString());
    boolean created = false;
    for (JsonNode e : entries) {
      created |= e.path("kind").asText().equals("KEY_CREATED") && e.path("detail").asText().contains(label);
    }
    assertTrue(created, "key creation is audited with its label");
    assertEquals(400, server.get("/api/audit?limit=0", server.adminKey).statusCode());
  }

  @Test
  void unknownPathsAnswerWithTheJsonErrorShape() throws Exception {
    HttpResponse<String> response = server.get("/api/nothing-here", server.adminKey);
    assertEquals(404, response.statusCode());
    assertTrue(JSON.readTree(response.body()).has("error"), response.body());
  }

  private String createKey(String label, String role) throws Exception {
    HttpResponse<String> created = server.post("/api/keys", server.adminKey, body(label, role));
    assertEquals(201, created.statusCode(), created.body());
    return JSON.readTree(created.body()).path("key").asText();
  }

  private static String body(String label, String role) {
    return JSON.createObjectNode().put("label", label).put("role", role).toString();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static JsonNode find(JsonNode keys, String label) {
    for (JsonNode k : keys) {
      if (label.equals(k.path("label").asText())) {
        return k;
      }
    }
    return null;
  }
}
