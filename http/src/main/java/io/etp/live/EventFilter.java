package io.etp.live;

import java.util.Set;

/**
 * Which events one subscriber wants. An empty set means "any": {@code EventFilter.ALL} passes everything. A battery or
 * aggregator filter passes an event whose battery (or aggregator) id is in the set.
 */
public record EventFilter(Set<LiveEventType> types, Set<String> batteries, Set<String> aggregators) {

  public static final EventFilter ALL = new EventFilter(Set.of(), Set.of(), Set.of());

  public EventFilter {
    types = Set.copyOf(types);
    batteries = Set.copyOf(batteries);
    aggregators = Set.copyOf(aggregators);
  }

  public boolean matches(LiveEvent event) {
    return (types.isEmpty() || types.contains(event.type()))
        && (batteries.isEmpty() || batteries.contains(event.batteryId()))
        && (aggregators.isEmpty() || (event.aggregatorId() != null && aggregators.contains(event.aggregatorId())));
  }
}
