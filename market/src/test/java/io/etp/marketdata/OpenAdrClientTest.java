package io.etp.marketdata;

import static io.etp.marketdata.LocalHttpServer.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.marketdata.DemandResponseEvent.PayloadValue;
import io.etp.marketdata.LocalHttpServer.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAdrClientTest {

  private static final String JSON = "application/json";

  private final LocalHttpServer server = new LocalHttpServer(Reply.ok(JSON, sample("openadr-events.json")));

  @AfterEach
  void stop() {
    server.close();
  }

  private OpenAdrClient client(Optional<String> program) {
    return new OpenAdrClient(HttpSourceSettings.of(server.baseUrl().resolve("/openadr3/3.0.1")),
        ApiKey.of("DR_API_KEY", "vtn-token-77"), program);
  }

  private List<DemandResponseEvent> fetch() {
    return client(Optional.empty()).events().toCompletableFuture().join();
  }

  private FetchFailure failureWith(Reply reply) {
    server.answer(reply);
    var error = assertThrows(CompletionException.class, this::fetch);
    return assertInstanceOf(FetchFailure.class, error.getCause());
  }

  @Test
  void sendsTheBearerTokenToTheEventsResource() {
    fetch();
    client(Optional.of("tou residential")).events().toCompletableFuture().join();

    assertEquals("/openadr3/3.0.1/events", server.requests().get(0).path());
    assertEquals("Bearer vtn-token-77", server.requests().get(0).header("Authorization"));
    assertEquals("programID=tou+residential", server.requests().get(1).rawQuery());
  }

  @Test
  void intervalsWithoutTheirOwnPeriodFollowTheEventPeriodBackToBack() {
    DemandResponseEvent event = fetch().get(0);

    assertEquals("0bf0c8f4-7a4e-4f6b-9a5b-1c2d3e4f5a61", event.id());
    assertEquals("tou-residential-2024", event.programId());
    assertEquals("evening-peak-prices", event.eventName());
    assertEquals(Instant.parse("2024-06-01T17:00:00Z"), event.start());
    assertEquals(Duration.ofHours(3), event.duration());
    assertEquals(List.of(Instant.parse("2024-06-01T17:00:00Z"), Instant.parse("2024-06-01T18:00:00Z"),
        Instant.parse("2024-06-01T19:00:00Z")), event.intervals().stream().map(DemandResponseEvent.Interval::start).toList());
    assertEquals(new DemandResponseEvent.Payload("PRICE", List.of(new PayloadValue.Numeric(0.42))),
        event.intervals().get(1).payloads().get(0));
  }

  @Test
  void intervalsWithTheirOwnPeriodKeepItAndMixedValuesAreTyped() {
    DemandResponseEvent event = fetch().get(1);

    assertEquals("", event.eventName(), "eventName null in the VTN's answer");
    assertEquals(Instant.parse("2024-06-02T14:00:00Z"), event.start());
    assertEquals(Duration.ofHours(2), event.duration(), "PT30M then P0Y0M0DT1H30M0S");
    DemandResponseEvent.Interval second = event.intervals().get(1);
    assertEquals(8, second.id());
    assertEquals(Duration.ofMinutes(90), second.duration());
    assertEquals(List.of(new PayloadValue.Text("feeder overload"), new PayloadValue.Flag(true)),
        second.payloads().get(1).values());
    assertEquals(new PayloadValue.Numeric(7.5), event.intervals().get(0).payloads().get(0).values().get(0));
  }

  @Test
  void missingFieldsAndWrongTypesAreMalformedAndNameTheEvent() {
    String good = sample("openadr-events.json");
    var noProgram = failureWith(Reply.ok(JSON, good.replace("\"programID\": \"grid-capacity-limits\",", "")));
    assertTrue(noProgram.getMessage().contains("event 5d9e3b20-0c4a-4d7e-8f61-2a3b4c5d6e7f: programID missing"),
        noProgram.getMessage());

    var badDuration = failureWith(Reply.ok(JSON, good.replace("\"PT1H\"", "\"one hour\"")));
    assertTrue(badDuration.getMessage().contains("not an ISO-8601 duration"), badDuration.getMessage());

    var badStart = failureWith(Reply.ok(JSON, good.replace("2024-06-01T17:00:00Z", "tomorrow")));
    assertTrue(badStart.getMessage().contains("intervalPeriod.start"), badStart.getMessage());

    var idAsText = failureWith(Reply.ok(JSON, good.replace("{\"id\": 0,", "{\"id\": \"zero\",")));
    assertTrue(idAsText.getMessage().contains("interval[0]: id missing or not an integer"), idAsText.getMessage());

    var objectValue = failureWith(Reply.ok(JSON, good.replace("\"values\": [0.31]", "\"values\": [{\"x\": 1}]")));
    assertInstanceOf(FetchFailure.MalformedResponse.class, objectValue);

    var notAnArray = failureWith(Reply.ok(JSON, "{\"events\": []}"));
    assertTrue(notAnArray.getMessage().contains("expected a JSON array of events"), notAnArray.getMessage());

    assertInstanceOf(FetchFailure.MalformedResponse.class, failureWith(Reply.ok(JSON, "[{\"id\": \"x\", ")));
  }

  @Test
  void intervalWithoutAnyPeriodIsMalformed() {
    String json = "[{\"id\":\"e1\",\"programID\":\"p\",\"intervals\":[{\"id\":0,\"payloads\":[]}]}]";
    var failure = failureWith(Reply.ok(JSON, json));
    assertTrue(failure.getMessage().contains("has no intervalPeriod and the event has none either"), failure.getMessage());
  }

  @Test
  void rejectedTokenIsUnauthorizedAndVtnErrorsAreTyped() {
    String problem = "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"token lacks read_all\"}";
    assertInstanceOf(FetchFailure.Unauthorized.class, failureWith(Reply.status(403, "application/problem+json", problem)));
    assertInstanceOf(FetchFailure.ServerError.class, failureWith(Reply.status(500, "application/problem+json",
        "{\"title\":\"Internal Server Error\",\"status\":500}")));
    assertInstanceOf(FetchFailure.UnexpectedStatus.class, failureWith(Reply.status(404, "text/plain", "not found")));
  }

  @Test
  void problemDocumentOfABadRequestIsProviderRejectedWithItsTitleAndDetail() {
    String problem = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
        + "\"detail\":\"unknown query parameter programId\"}";
    var rejected = assertInstanceOf(FetchFailure.ProviderRejected.class,
        failureWith(Reply.status(400, "application/problem+json", problem)));
    assertEquals("400", rejected.reasonCode());
    assertEquals("Bad Request: unknown query parameter programId", rejected.reasonText());
  }
}
