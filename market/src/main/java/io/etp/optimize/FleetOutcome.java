package io.etp.optimize;

import java.util.List;

/** The result for one fleet member: a schedule with its bids, or the reason there is none. */
public sealed interface FleetOutcome {

  /** Id of the battery this outcome belongs to. */
  String batteryId();

  /** An optimal schedule and the bids derived from it by {@link BidBuilder}. */
  record Scheduled(String batteryId, DispatchSchedule schedule, List<PeriodBid> bids) implements FleetOutcome {
    public Scheduled {
      bids = List.copyOf(bids);
    }
  }

  /** The member's problem was infeasible or invalid; {@code reason} is the optimiser's message. */
  record Failed(String batteryId, String reason) implements FleetOutcome {}
}
