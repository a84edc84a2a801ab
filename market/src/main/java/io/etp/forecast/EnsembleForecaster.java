package io.etp.forecast;

import java.time.LocalDate;
import java.util.List;

/** The hour-by-hour arithmetic mean of several forecasters (epftoolbox's LEAR ensemble averages four windows). */
public final class EnsembleForecaster implements PriceForecaster {

  private final String name;
  private final List<PriceForecaster> members;

  /**
   * @throws IllegalArgumentException if there are no members
   */
  public EnsembleForecaster(String name, List<? extends PriceForecaster> members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("an ensemble needs at least one member");
    }
    this.name = name;
    this.members = List.copyOf(members);
  }

  /** LEAR averaged over the given calibration windows, named {@code LEAR-Ens}. */
  public static EnsembleForecaster lear(List<Integer> windowDays) {
    return new EnsembleForecaster("LEAR-Ens", windowDays.stream().map(LearForecaster::new).toList());
  }

  /** The averaged forecasters, in order. */
  public List<PriceForecaster> members() {
    return members;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public double[] forecast(MarketHistory history, LocalDate day) {
    double[] sum = new double[MarketHistory.HOURS];
    for (PriceForecaster member : members) {
      double[] f = member.forecast(history, day);
      for (int h = 0; h < sum.length; h++) {
        sum[h] += f[h];
      }
    }
    for (int h = 0; h < sum.length; h++) {
      sum[h] /= members.size();
    }
    return sum;
  }
}
