package io.etp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.etp.web.ValidationException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Request bodies are one JSON value with nothing after it; query instants must have epoch milliseconds. */
class RequestBodiesTest {

  @Test
  void aBodyWithTrailingContentIsRefused() {
    for (String body : new String[] {"{\"a\":1}{\"b\":2}", "{\"a\":1} x", "{\"a\":1}]", "{} {}"}) {
      ValidationException e = assertThrows(ValidationException.class, () -> RequestBodies.object(body), body);
      assertEquals("malformed_json", e.problem().code());
    }
    assertEquals(1, RequestBodies.object(" {\"a\":1}\n").path("a").asInt());
  }

  @Test
  void everyJsonRouteAnswers400ToTrailingContent(@TempDir Path dir) throws Exception {
    try (TestGateway server = TestGateway.onH2(dir, "")) {
      var r = server.post("/api/keys", server.adminKey,
          "{\"label\":\"one\",\"role\":\"viewer\"}{\"label\":\"two\",\"role\":\"admin\"}");
      assertEquals(400, r.statusCode(), r.body());
    }
  }

  @Test
  void instantsOutsideYears1To9999AreOutOfRange() {
    for (String v : new String[] {"+1000000000-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z",
        "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z"}) {
      ValidationException e = assertThrows(ValidationException.class,
          () -> RequestBodies.instant(Optional.of(v), "since"), v);
      assertEquals("invalid_since", e.problem().code());
    }
    assertEquals(Instant.parse("9999-12-31T23:59:59Z"),
        RequestBodies.instant(Optional.of("9999-12-31T23:59:59Z"), "since").orElseThrow());
  }
}
