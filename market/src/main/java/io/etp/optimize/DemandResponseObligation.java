package io.etp.optimize;

/**
 * A demand-response commitment the schedule must honour in one period. Net export is {@code discharge - charge} (kW,
 * grid side); net import is its negation.
 */
public sealed interface DemandResponseObligation {

  /** Zero-based period index the obligation applies to. */
  int period();

  /**
   * Net export in the period must be at least {@code kw}: {@code discharge - charge >= kw}. With {@code kw = 0} the
   * battery may not import in that period.
   */
  record MinimumNetDischarge(int period, double kw) implements DemandResponseObligation {
    public MinimumNetDischarge {
      requireValid(period, kw);
    }
  }

  /** Net import in the period must be at most {@code kw}: {@code charge - discharge <= kw}, {@code kw >= 0}. */
  record MaximumNetImport(int period, double kw) implements DemandResponseObligation {
    public MaximumNetImport {
      requireValid(period, kw);
    }
  }

  private static void requireValid(int period, double kw) {
    if (period < 0) {
      throw new IllegalArgumentException("obligation period must be >= 0 but was " + period);
    }
    if (!Double.isFinite(kw) || kw < 0) {
      throw new IllegalArgumentException("obligation power must be finite and >= 0 but was " + kw + " kW");
    }
  }
}
