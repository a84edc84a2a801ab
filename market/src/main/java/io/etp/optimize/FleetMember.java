package io.etp.optimize;

/** One battery of a fleet and its scheduling problem. */
public record FleetMember(String batteryId, DispatchProblem problem) {
  public FleetMember {
    if (batteryId == null || batteryId.isBlank() || problem == null) {
      throw new IllegalArgumentException("batteryId and problem are required");
    }
  }
}
