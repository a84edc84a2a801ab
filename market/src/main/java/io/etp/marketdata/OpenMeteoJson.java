package io.etp.marketdata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Reads an Open-Meteo {@code /v1/forecast} answer requested with {@code timezone=UTC}: {@code hourly.time[]} plus one
 * value array per variable, with units in {@code hourly_units}. Units are converted to the SI units of
 * {@link WeatherPoint}; an unknown unit, a missing array, a length mismatch or a non-numeric value is a
 * {@link FetchFailure.MalformedResponse}. JSON {@code null} values become {@link Double#NaN}.
 */
public final class OpenMeteoJson {

  /** The hourly variables requested and read, in {@link WeatherPoint} order. */
  public static final List<String> HOURLY_VARIABLES =
      List.of("temperature_2m", "wind_speed_10m", "shortwave_radiation", "cloud_cover");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private OpenMeteoJson() {}

  /** The forecast hours in {@code json}, or the provider's error reply as {@link FetchFailure.ProviderRejected}. */
  public static List<WeatherPoint> parseForecast(String source, String json) {
    JsonNode root = tree(source, json);
    if (root.path("error").asBoolean(false)) {
      throw new FetchFailure.ProviderRejected(source, "error", root.path("reason").asText("(no reason given)"));
    }
    double latitude = number(source, root, "latitude");
    double longitude = number(source, root, "longitude");
    if (root.path("utc_offset_seconds").asInt(0) != 0) {
      throw new FetchFailure.MalformedResponse(source, "times are not UTC (utc_offset_seconds="
          + root.path("utc_offset_seconds").asText() + "); request timezone=UTC");
    }
    JsonNode hourly = object(source, root, "hourly");
    JsonNode units = object(source, root, "hourly_units");
    JsonNode times = array(source, hourly, "time");
    List<double[]> columns = new ArrayList<>();
    for (String variable : HOURLY_VARIABLES) {
      JsonNode values = array(source, hourly, variable);
      if (values.size() != times.size()) {
        throw new FetchFailure.MalformedResponse(source, "hourly." + variable + " has " + values.size()
            + " values for " + times.size() + " times");
      }
      DoubleUnaryOperator toSi = conversion(source, variable, units.path(variable).asText(""));
      double[] column = new double[values.size()];
      for (int i = 0; i < values.size(); i++) {
        JsonNode value = values.get(i);
        if (value.isNull()) {
          column[i] = Double.NaN;
        } else if (value.isNumber()) {
          column[i] = toSi.applyAsDouble(value.asDouble());
        } else {
          throw new FetchFailure.MalformedResponse(source, "hourly." + variable + "[" + i + "] is not a number: " + value);
        }
      }
      columns.add(column);
    }
    List<WeatherPoint> points = new ArrayList<>(times.size());
    for (int i = 0; i < times.size(); i++) {
      JsonNode time = times.get(i);
      if (!time.isTextual()) {
        throw new FetchFailure.MalformedResponse(source, "hourly.time[" + i + "] is not a string: " + time);
      }
      LocalDateTime hour;
      try {
        hour = LocalDateTime.parse(time.asText());
      } catch (DateTimeParseException e) {
        throw new FetchFailure.MalformedResponse(source, "hourly.time[" + i + "] is not ISO-8601: " + time, e);
      }
      points.add(new WeatherPoint(latitude, longitude, hour.toInstant(ZoneOffset.UTC),
          columns.get(0)[i], columns.get(1)[i], columns.get(2)[i], columns.get(3)[i]));
    }
    return points;
  }

  /** Reads an error reply body ({@code {"error":true,"reason":...}}) if {@code json} is one. */
  static java.util.Optional<FetchFailure.ProviderRejected> errorReply(String source, String json) {
    try {
      JsonNode root = MAPPER.readTree(json);
      if (root != null && root.path("error").asBoolean(false)) {
        return java.util.Optional.of(
            new FetchFailure.ProviderRejected(source, "error", root.path("reason").asText("(no reason given)")));
      }
    } catch (JsonProcessingException e) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.empty();
  }

  private static DoubleUnaryOperator conversion(String source, String variable, String unit) {
    return switch (variable + " " + unit) {
      case "temperature_2m °C", "shortwave_radiation W/m²", "wind_speed_10m m/s", "cloud_cover %" -> v -> v;
      case "temperature_2m °F" -> v -> (v - 32) * 5 / 9;
      case "wind_speed_10m km/h" -> v -> v / 3.6;
      case "wind_speed_10m mp/h" -> v -> v * 0.44704;
      case "wind_speed_10m kn" -> v -> v * 0.514444;
      default -> throw new FetchFailure.MalformedResponse(source, "unknown unit '" + unit + "' for " + variable);
    };
  }

  private static JsonNode tree(String source, String json) {
    try {
      JsonNode root = MAPPER.readTree(json);
      if (root == null || !root.isObject()) {
        throw new FetchFailure.MalformedResponse(source, "expected a JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new FetchFailure.MalformedResponse(source, "not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static JsonNode object(String source, JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isObject()) {
      throw new FetchFailure.MalformedResponse(source, "missing object '" + field + "'");
    }
    return node;
  }

  private static JsonNode array(String source, JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isArray()) {
      throw new FetchFailure.MalformedResponse(source, "missing array 'hourly." + field + "'");
    }
    return node;
  }

  private static double number(String source, JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isNumber()) {
      throw new FetchFailure.MalformedResponse(source, "'" + field + "' missing or not a number");
    }
    return node.asDouble();
  }
}
