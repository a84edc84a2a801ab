package io.etp.edge.fuzz;

/** The gateway fuzz target's checks (io.etp.protocol.fuzz.FuzzChecks is in the protocol module's test sources). */
final class FuzzChecks {

  /** How long the target fuzzes under {@code mvn verify}. */
  static final String CI_DURATION = "20s";

  private FuzzChecks() {
  }

  /** @throws AssertionError naming {@code what} when {@code condition} is false: Jazzer reports it as a finding */
  static void check(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError("invariant broken: " + what);
    }
  }
}
