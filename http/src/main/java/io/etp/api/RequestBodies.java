package io.etp.api;

import io.etp.web.ValidationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Reading the JSON bodies of the market's commands, and the checks they share. Every failure is a
 * {@link ValidationException} (400) with the field's reason code.
 */
final class RequestBodies {

  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private RequestBodies() {}

  /** The body as a JSON object (an empty body is an empty object). */
  static JsonNode object(String body) {
    if (body == null || body.isBlank()) {
      return MAPPER.createObjectNode();
    }
    try {
      JsonNode node = io.etp.web.JsonBodies.readTree(body);
      if (node == null || !node.isObject()) {
        throw new ValidationException("malformed_json", "the body must be a JSON object");
      }
      return node;
    } catch (java.io.IOException e) {
      throw new ValidationException("malformed_json", "the body is not JSON");
    }
  }

  /** A twin id: 1-64 letters, digits, '.', '_' or '-'. */
  static String id(String value, String code) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new ValidationException(code, "an id is 1-64 letters, digits, '.', '_' or '-'");
    }
    return value;
  }

  /** A finite number at {@code field} within [min, max]; absent is an error. */
  static double required(JsonNode node, String field, double min, double max) {
    Double value = optional(node, field, min, max);
    if (value == null) {
      throw new ValidationException("invalid_" + field, field + " is required");
    }
    return value;
  }

  /** A finite number at {@code field} within [min, max], or null when absent. */
  static Double optional(JsonNode node, String field, double min, double max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber() || !Double.isFinite(value.asDouble()) || value.asDouble() < min
        || value.asDouble() > max) {
      throw new ValidationException("invalid_" + field, field + " must be a number from " + min + " to " + max);
    }
    return value.asDouble();
  }

  /** A text at {@code field}, or null when absent. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new ValidationException("invalid_" + field, field + " must be a string");
    }
    return value.asText();
  }

  static Route json(StatusCode status, JsonNode body) {
    return Directives.complete(status, HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString()));
  }

  /** The earliest instant a query may name: year 1, whose epoch milliseconds fit a long and SQL timestamps. */
  static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
  /** The latest instant a query may name: the end of year 9999. */
  static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999Z");

  /**
   * A query parameter {@code name} holding an ISO-8601 instant from year 1 to 9999; otherwise 400
   * {@code invalid_<name>}. Instants such as {@code +1000000000-12-31T23:59:59Z} parse but have no epoch milliseconds.
   */
  static Optional<Instant> instant(Optional<String> value, String name) {
    Optional<Instant> parsed;
    try {
      parsed = value.map(Instant::parse);
    } catch (DateTimeParseException e) {
      throw new ValidationException("invalid_" + name,
          name + " must be an ISO-8601 instant, e.g. 2026-01-01T00:00:00Z");
    }
    if (parsed.isPresent() && (parsed.get().isBefore(MIN_INSTANT) || parsed.get().isAfter(MAX_INSTANT))) {
      throw new ValidationException("invalid_" + name,
          name + " is out of range: it must lie from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z");
    }
    return parsed;
  }

  /** A {@code limit} query parameter from 1 to {@code max}, {@code otherwise} when absent; else 400 invalid_limit. */
  static int limit(Optional<String> value, int otherwise, int max) {
    if (value.isEmpty()) {
      return otherwise;
    }
    try {
      int limit = Integer.parseInt(value.get());
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ValidationException("invalid_limit", "limit must be an integer from 1 to " + max);
  }
}
