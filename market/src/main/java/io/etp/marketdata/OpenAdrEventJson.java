package io.etp.marketdata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the OpenADR 3.0 {@code GET /events} answer: a JSON array of event objects with {@code id}, {@code programID},
 * {@code eventName}, {@code intervalPeriod {start, duration}} and {@code intervals[] {id, intervalPeriod?, payloads[]
 * {type, values[]}}}. An interval without its own {@code intervalPeriod} follows the event's: interval {@code i} (in
 * array order) starts {@code i} event durations after the event start. Anything missing or of the wrong type is a
 * {@link FetchFailure.MalformedResponse} naming the event and field.
 */
public final class OpenAdrEventJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private OpenAdrEventJson() {}

  public static List<DemandResponseEvent> parseEvents(String source, String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new FetchFailure.MalformedResponse(source, "not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new FetchFailure.MalformedResponse(source, "expected a JSON array of events");
    }
    List<DemandResponseEvent> events = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      events.add(event(source, root.get(i), "events[" + i + "]"));
    }
    return events;
  }

  /** The VTN's problem document ({@code title}, {@code detail}) as a rejection, if {@code json} is one. */
  static java.util.Optional<FetchFailure.ProviderRejected> problem(String source, int status, String json) {
    try {
      JsonNode root = MAPPER.readTree(json == null ? "" : json);
      if (root != null && root.isObject() && root.hasNonNull("title")) {
        String detail = root.hasNonNull("detail") ? ": " + root.get("detail").asText() : "";
        return java.util.Optional.of(
            new FetchFailure.ProviderRejected(source, String.valueOf(status), root.get("title").asText() + detail));
      }
    } catch (JsonProcessingException e) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.empty();
  }

  private static DemandResponseEvent event(String source, JsonNode node, String where) {
    if (!node.isObject()) {
      throw malformed(source, where, "is not an object");
    }
    String id = text(source, node, "id", where);
    where = "event " + id;
    String programId = text(source, node, "programID", where);
    JsonNode nameNode = node.get("eventName");
    if (nameNode != null && !nameNode.isNull() && !nameNode.isTextual()) {
      throw malformed(source, where, "eventName is not a string");
    }
    String eventName = nameNode == null || nameNode.isNull() ? "" : nameNode.asText();
    Period defaultPeriod = node.hasNonNull("intervalPeriod") ? period(source, node.get("intervalPeriod"), where) : null;

    JsonNode intervalsNode = node.get("intervals");
    if (intervalsNode == null || !intervalsNode.isArray() || intervalsNode.isEmpty()) {
      throw malformed(source, where, "intervals missing or empty");
    }
    List<DemandResponseEvent.Interval> intervals = new ArrayList<>();
    for (int i = 0; i < intervalsNode.size(); i++) {
      JsonNode interval = intervalsNode.get(i);
      String at = where + " interval[" + i + "]";
      if (!interval.isObject()) {
        throw malformed(source, at, "is not an object");
      }
      JsonNode intervalId = interval.get("id");
      if (intervalId == null || !intervalId.canConvertToInt() || !intervalId.isIntegralNumber()) {
        throw malformed(source, at, "id missing or not an integer");
      }
      Period period;
      if (interval.hasNonNull("intervalPeriod")) {
        period = period(source, interval.get("intervalPeriod"), at);
      } else if (defaultPeriod != null) {
        period = new Period(defaultPeriod.start().plus(defaultPeriod.duration().multipliedBy(i)), defaultPeriod.duration());
      } else {
        throw malformed(source, at, "has no intervalPeriod and the event has none either");
      }
      intervals.add(new DemandResponseEvent.Interval(intervalId.asInt(), period.start(), period.duration(),
          payloads(source, interval.get("payloads"), at)));
    }
    Instant start = intervals.stream().map(DemandResponseEvent.Interval::start).min(Instant::compareTo).orElseThrow();
    if (defaultPeriod != null && defaultPeriod.start().isBefore(start)) {
      start = defaultPeriod.start();
    }
    Instant end = intervals.stream().map(iv -> iv.start().plus(iv.duration())).max(Instant::compareTo).orElseThrow();
    return new DemandResponseEvent(id, programId, eventName, start, Duration.between(start, end), intervals);
  }

  private record Period(Instant start, Duration duration) {}

  private static Period period(String source, JsonNode node, String where) {
    if (!node.isObject()) {
      throw malformed(source, where, "intervalPeriod is not an object");
    }
    String startText = text(source, node, "start", where + " intervalPeriod");
    Instant start;
    try {
      start = OffsetDateTime.parse(startText).toInstant();
    } catch (DateTimeParseException e) {
      throw malformed(source, where, "intervalPeriod.start is not an ISO-8601 date-time: '" + startText + "'");
    }
    // the spec's default duration is PT0S ("instantaneous")
    String durationText = node.hasNonNull("duration") ? text(source, node, "duration", where + " intervalPeriod") : "PT0S";
    try {
      return new Period(start, IsoDuration.parse(durationText, start));
    } catch (IllegalArgumentException e) {
      throw malformed(source, where, "intervalPeriod.duration: " + e.getMessage());
    }
  }

  private static List<DemandResponseEvent.Payload> payloads(String source, JsonNode node, String where) {
    if (node == null || !node.isArray()) {
      throw malformed(source, where, "payloads missing or not an array");
    }
    List<DemandResponseEvent.Payload> payloads = new ArrayList<>();
    for (JsonNode payload : node) {
      if (!payload.isObject()) {
        throw malformed(source, where, "payload is not an object");
      }
      String type = text(source, payload, "type", where + " payload");
      JsonNode values = payload.get("values");
      if (values == null || !values.isArray()) {
        throw malformed(source, where, "payload " + type + " has no values array");
      }
      List<DemandResponseEvent.PayloadValue> parsed = new ArrayList<>();
      for (JsonNode value : values) {
        if (value.isNumber()) {
          parsed.add(new DemandResponseEvent.PayloadValue.Numeric(value.asDouble()));
        } else if (value.isTextual()) {
          parsed.add(new DemandResponseEvent.PayloadValue.Text(value.asText()));
        } else if (value.isBoolean()) {
          parsed.add(new DemandResponseEvent.PayloadValue.Flag(value.asBoolean()));
        } else {
          throw malformed(source, where, "payload " + type + " has an unsupported value " + value);
        }
      }
      payloads.add(new DemandResponseEvent.Payload(type, parsed));
    }
    return payloads;
  }

  private static String text(String source, JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw malformed(source, where, field + " missing");
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw malformed(source, where, field + " is not a non-empty string: " + value);
    }
    return value.asText();
  }

  private static FetchFailure.MalformedResponse malformed(String source, String where, String problem) {
    return new FetchFailure.MalformedResponse(source, where + ": " + problem);
  }
}
