package io.etp.aggregator;

/**
 * Keeps an aggregator within its requirement and budget across many concurrent negotiations: what is still open
 * once the bids it holds are counted as if they all won. Pure.
 */
public final class Procurement {

  private Procurement() {}

  /** Energy (kWh) and money (cents) still free for new bids. */
  public record Open(double energyKwh, double budgetC) {}

  /**
   * @param openRequirementKwh requirement minus energy already bought
   * @param openBudgetC budget minus money already spent
   * @param heldEnergyKwh energy of the bids it holds in open auctions
   * @param heldCostC their cost at the prices bid
   */
  public static Open open(double openRequirementKwh, double openBudgetC, double heldEnergyKwh, double heldCostC) {
    return new Open(Math.max(0, openRequirementKwh - heldEnergyKwh), Math.max(0, openBudgetC - heldCostC));
  }

  /** Energy to ask for in a new bid at {@code priceCPerKwh} for a lot of {@code lotKwh}. */
  public static double energyFor(double lotKwh, double priceCPerKwh, Open open) {
    double energy = Math.min(lotKwh, open.energyKwh());
    if (priceCPerKwh > 0) energy = Math.min(energy, open.budgetC() / priceCPerKwh);
    return Math.max(0, energy);
  }

  /** Whether raising a held bid for {@code energyKwh} from {@code lastPrice} to {@code nextPrice} stays in budget. */
  public static boolean affordsRaise(Open open, double energyKwh, double lastPrice, double nextPrice) {
    return energyKwh * (nextPrice - lastPrice) <= open.budgetC() + 1e-9;
  }
}
