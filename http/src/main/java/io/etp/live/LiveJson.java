package io.etp.live;

import io.etp.web.MoneyJson;
import java.math.BigDecimal;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The live stream's JSON, as documented in docs/api.md. Field names are snake_case with their unit; absent optional
 * fields are left out rather than written as {@code null}.
 */
public final class LiveJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LiveJson() {}

  /** One server-to-client message. */
  public static String write(Outbound out) {
    ObjectNode node = MAPPER.createObjectNode();
    if (out instanceof Outbound.Event e) {
      writeEvent(node, e.event());
    } else if (out instanceof Outbound.Hello h) {
      node.put("type", "HELLO").put("epoch", h.epoch()).put("oldest_seq", h.oldestSeq())
          .put("latest_seq", h.latestSeq()).put("cursor", h.cursor().toString());
      writeFilter(node.putObject("filter"), h.filter());
    } else if (out instanceof Outbound.Dropped d) {
      node.put("type", "DROPPED").put("count", d.count());
    } else if (out instanceof Outbound.Missed m) {
      node.put("type", "MISSED").put("count", m.count()).put("from_seq", m.fromSeq())
          .put("resumed_at_seq", m.resumedAtSeq());
    } else if (out instanceof Outbound.MissedSource m) {
      node.put("type", "MISSED").put("source", m.source()).put("from_position", m.fromOffset())
          .put("held_after_position", m.heldAfterOffset());
    } else if (out instanceof Outbound.Reset r) {
      node.put("type", "RESET").put("epoch", r.epoch());
    } else if (out instanceof Outbound.Subscribed s) {
      writeFilter(node.put("type", "SUBSCRIBED").putObject("filter"), s.filter());
    } else if (out instanceof Outbound.Error e) {
      node.put("type", "ERROR").put("code", e.code()).put("message", e.message());
    }
    return node.toString();
  }

  /** One event as a JSON object (also used by {@code GET /api/events}). */
  public static ObjectNode eventNode(LiveEvent event) {
    ObjectNode node = MAPPER.createObjectNode();
    writeEvent(node, event);
    return node;
  }

  /** A JSON array of events. */
  public static String writeEvents(Collection<LiveEvent> events) {
    ArrayNode array = MAPPER.createArrayNode();
    events.forEach(e -> array.add(eventNode(e)));
    return array.toString();
  }

  /** Parses one event as written by {@link #eventNode} (tests and tools read the stream with it). */
  public static LiveEvent readEvent(String json) throws JsonProcessingException {
    JsonNode n = MAPPER.readTree(json);
    JsonNode p = n.path("payload");
    return new LiveEvent(n.path("seq").asLong(), LiveEventType.valueOf(n.path("type").asText()),
        java.time.Instant.parse(n.path("timestamp").asText()), n.path("battery_id").asText(),
        text(n, "aggregator_id"), text(n, "auction_id"),
        new LiveEvent.Payload(decimal(p, "price_c_per_kwh"), decimal(p, "reserve_c_per_kwh"),
            decimal(p, "energy_kwh"), decimal(p, "capacity_kwh"), number(p, "health_pct"), text(p, "status"), text(p, "reason"),
            text(p, "severity"), text(p, "message"), number(p, "latency_ms"),
            text(p, "health"), number(p, "voltage_v"), number(p, "discharge_rate_kw")),
        n.hasNonNull("published_at") ? java.time.Instant.parse(n.get("published_at").asText()) : null,
        text(n, "event_id"),
        n.hasNonNull("source") ? new LiveEvent.Position(n.get("source").asText(), n.path("position").asLong()) : null);
  }

  /** Parses a client's text message. */
  public static ClientMessage readClientMessage(String text) {
    JsonNode node;
    try {
      node = io.etp.web.JsonBodies.readTree(text);
    } catch (java.io.IOException e) {
      return new ClientMessage.Invalid("malformed_json", "message is not one JSON object");
    }
    if (node == null || !node.isObject()) {
      return new ClientMessage.Invalid("malformed_json", "message must be a JSON object");
    }
    String type = node.path("type").asText("");
    if (!"SUBSCRIBE".equals(type)) {
      return new ClientMessage.Invalid("unknown_message", "unknown message type '" + type + "'; expected SUBSCRIBE");
    }
    try {
      return new ClientMessage.Subscribe(new EventFilter(eventTypes(strings(node, "types")),
          strings(node, "batteries"), strings(node, "aggregators")));
    } catch (IllegalArgumentException e) {
      return new ClientMessage.Invalid("invalid_filter", e.getMessage());
    }
  }

  /** Event type names to types; an unknown name is an {@link IllegalArgumentException} naming it. */
  public static Set<LiveEventType> eventTypes(Collection<String> names) {
    Set<LiveEventType> types = new LinkedHashSet<>();
    for (String name : names) {
      try {
        types.add(LiveEventType.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown event type '" + name + "'");
      }
    }
    return types;
  }

  private static Set<String> strings(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Set.of();
    }
    if (!value.isArray()) {
      throw new IllegalArgumentException("'" + field + "' must be an array of strings");
    }
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode item : value) {
      if (!item.isTextual() || item.asText().isBlank()) {
        throw new IllegalArgumentException("'" + field + "' must be an array of non-empty strings");
      }
      out.add(item.asText());
    }
    return out;
  }

  private static void writeEvent(ObjectNode node, LiveEvent e) {
    node.put("seq", e.seq()).put("type", e.type().name()).put("timestamp", e.timestamp().toString())
        .put("battery_id", e.batteryId());
    if (e.publishedAt() != null) {
      node.put("published_at", e.publishedAt().toString());
    }
    if (e.aggregatorId() != null) {
      node.put("aggregator_id", e.aggregatorId());
    }
    if (e.auctionId() != null) {
      node.put("auction_id", e.auctionId());
    }
    if (e.eventId() != null) {
      node.put("event_id", e.eventId());
    }
    if (e.position() != null) {
      node.put("source", e.position().source()).put("position", e.position().offset());
    }
    ObjectNode p = node.putObject("payload");
    LiveEvent.Payload payload = e.payload();
    putNumber(p, "price_c_per_kwh", payload.priceCPerKwh());
    putNumber(p, "reserve_c_per_kwh", payload.reserveCPerKwh());
    putNumber(p, "energy_kwh", payload.energyKwh());
    putNumber(p, "capacity_kwh", payload.capacityKwh());
    putNumber(p, "health_pct", payload.healthPct());
    putText(p, "status", payload.status());
    putText(p, "reason", payload.reason());
    putText(p, "severity", payload.severity());
    putText(p, "message", payload.message());
    putNumber(p, "latency_ms", payload.latencyMs());
    putText(p, "health", payload.health());
    putNumber(p, "voltage_v", payload.voltageV());
    putNumber(p, "discharge_rate_kw", payload.dischargeRateKw());
  }

  private static void writeFilter(ObjectNode node, EventFilter filter) {
    ArrayNode types = node.putArray("types");
    new TreeSet<>(filter.types()).forEach(t -> types.add(t.name()));
    ArrayNode batteries = node.putArray("batteries");
    new TreeSet<>(filter.batteries()).forEach(batteries::add);
    ArrayNode aggregators = node.putArray("aggregators");
    new TreeSet<>(filter.aggregators()).forEach(aggregators::add);
  }

  private static void putNumber(ObjectNode node, String field, Double value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  /** Money and energy: the exact decimal as a JSON number, written as a person would (16.82, not 16.8200). */
  private static void putNumber(ObjectNode node, String field, BigDecimal value) {
    if (value != null) {
      MoneyJson.put(node, field, value);
    }
  }

  private static void putText(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private static BigDecimal decimal(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.decimalValue();
  }

  private static Double number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asDouble();
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
