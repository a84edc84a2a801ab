package io.etp.aggregator;

import java.util.Locale;

/** The bidding strategies an aggregator can use; switchable at runtime. */
public enum StrategyKind {
  /** start low; on reject raise the previous bid by a fixed increment up to the maximum (the prototype's) */
  FIXED_INCREMENT,
  /** bid up to the expected value from the price signal minus a margin */
  VALUE_BASED,
  /** increments and aggression follow the aggregator's own success rate and observed clearing prices */
  ADAPTIVE;

  /** "fixed-increment", "value-based", "adaptive". */
  public static StrategyKind parse(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
