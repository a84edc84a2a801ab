package io.etp.marketdata;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A secret credential read from the environment. Its {@link #toString()} never reveals the value, so it is safe in
 * logs, exception messages and settings dumps.
 */
public final class ApiKey {

  private final String variable;
  private final String value;

  private ApiKey(String variable, String value) {
    this.variable = variable;
    this.value = value;
  }

  /** Reads {@code variable} from the process environment; empty when unset or blank. */
  public static Optional<ApiKey> fromEnvironment(String variable) {
    return fromEnvironment(variable, System::getenv);
  }

  /** Reads {@code variable} through {@code environment} (tests pass a map lookup); empty when unset or blank. */
  public static Optional<ApiKey> fromEnvironment(String variable, Function<String, String> environment) {
    String value = environment.apply(variable);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(new ApiKey(variable, value.trim()));
  }

  /** A key given directly, e.g. from a secret store; {@code label} is what {@link #toString()} shows. */
  public static ApiKey of(String label, String value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("blank API key for " + label);
    }
    return new ApiKey(label, value);
  }

  /** The secret itself; only for putting on the wire. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "ApiKey[" + variable + "=***]";
  }
}
