package io.etp.marketdata;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A demand-response event as published by an OpenADR 3 VTN, with every interval resolved to absolute times.
 *
 * @param id        the VTN's event id
 * @param programId the program the event belongs to ({@code programID})
 * @param eventName the event's name, empty when the VTN gave none
 * @param start     start of the first interval
 * @param duration  time from {@code start} to the end of the last interval
 * @param intervals the event's intervals in the order the VTN sent them
 */
public record DemandResponseEvent(
    String id, String programId, String eventName, Instant start, Duration duration, List<Interval> intervals) {

  public DemandResponseEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(programId, "programId");
    Objects.requireNonNull(eventName, "eventName");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(duration, "duration");
    intervals = List.copyOf(intervals);
  }

  /** End of the last interval. */
  public Instant end() {
    return start.plus(duration);
  }

  /**
   * One interval of an event.
   *
   * @param id       interval id from the VTN
   * @param start    absolute start of the interval
   * @param duration length of the interval
   * @param payloads signal or target values valid during the interval
   */
  public record Interval(int id, Instant start, Duration duration, List<Payload> payloads) {
    public Interval {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(duration, "duration");
      payloads = List.copyOf(payloads);
    }
  }

  /**
   * A typed payload, e.g. {@code PRICE}, {@code SIMPLE}, {@code IMPORT_CAPACITY_LIMIT}.
   *
   * @param type   the OpenADR payload type
   * @param values the values in the order the VTN sent them
   */
  public record Payload(String type, List<PayloadValue> values) {
    public Payload {
      Objects.requireNonNull(type, "type");
      values = List.copyOf(values);
    }
  }

  /** A single payload value: OpenADR allows numbers, strings and booleans. */
  public sealed interface PayloadValue {
    /** A numeric value, e.g. a price or a kW limit. */
    record Numeric(double value) implements PayloadValue {}

    /** A text value. */
    record Text(String value) implements PayloadValue {}

    /** A boolean value. */
    record Flag(boolean value) implements PayloadValue {}
  }
}
