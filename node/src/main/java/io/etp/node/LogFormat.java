package io.etp.node;

import java.util.List;
import java.util.Optional;

/**
 * The node's log format, chosen by {@code ETP_LOG_FORMAT} (or the system property of the same name): {@code text}
 * (the default, one line per event) or {@code json} (one JSON object per line, logstash-logback-encoder, for log
 * collectors on Kubernetes). logback.xml picks the appender named after the value; a value without an appender would
 * leave the node silent, so {@link Main} refuses it before anything logs.
 */
public final class LogFormat {

  /** The variable (environment, or system property) that chooses the format. */
  public static final String VARIABLE = "ETP_LOG_FORMAT";

  /** The formats logback.xml has an appender for. */
  public static final List<String> FORMATS = List.of("text", "json");

  /** Exit status of a node started with an unknown format. */
  static final int BAD_VALUE_EXIT = 2;

  private LogFormat() {}

  /** @return the configured value: the system property, else the environment variable, else null */
  static String configured() {
    String property = System.getProperty(VARIABLE);
    return property != null ? property : System.getenv(VARIABLE);
  }

  /**
   * @param value the configured value, or null when unset
   * @return why the value is refused, or empty when it names a format (unset means text)
   */
  static Optional<String> problem(String value) {
    if (value == null || FORMATS.contains(value)) {
      return Optional.empty();
    }
    return Optional.of(VARIABLE + "='" + value + "' is not a log format: use one of " + String.join(", ", FORMATS));
  }
}
