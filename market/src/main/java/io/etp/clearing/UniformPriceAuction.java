package io.etp.clearing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Uniform-price double auction for one delivery period over step curves.
 *
 * <h2>Rules</h2>
 * <ol>
 *   <li><b>Volume.</b> Demand at price p is the total of bids with limit &ge; p, supply the total of offers with limit
 *       &le; p. The traded volume Q* is the largest {@code min(demand(p), supply(p))} over all prices. Q* = 0 means
 *       the curves do not cross: no trade, no price.</li>
 *   <li><b>Price.</b> At Q* each curve covers a price range: the demand curve from the limit of the last bid group
 *       needed to reach Q* ({@code Dhi}) down to the next lower bid limit ({@code Dlo}; the same limit if that group
 *       is only partly needed, minus infinity if there is none); the supply curve from the last offer group needed
 *       ({@code Slo}) up to the next offer limit ({@code Shi}; the same if partly needed, plus infinity if none). The
 *       clearing price is the midpoint of {@code [max(Dlo, Slo), min(Dhi, Shi)]}: where the curves cross on a shared
 *       vertical segment it is the middle of the overlap; where a horizontal step meets the other curve it is that
 *       step's price. At that price no unfilled order is strictly in the money.</li>
 *   <li><b>Ties and the margin.</b> Orders with the same limit form one group and are treated alike, whatever their
 *       arrival order. On each side, groups strictly better than the marginal one are filled in full; the marginal
 *       group shares what remains of Q* pro rata to the order quantities.</li>
 * </ol>
 */
public final class UniformPriceAuction {

  private UniformPriceAuction() {}

  /** Clears one period. Order ids must be unique. */
  public static ClearingResult clear(List<Order> orders) {
    Set<String> ids = new HashSet<>();
    List<Order> bids = new ArrayList<>();
    List<Order> offers = new ArrayList<>();
    double total = 0;
    for (Order o : orders) {
      if (!ids.add(o.orderId())) {
        throw new IllegalArgumentException("duplicate order id " + o.orderId());
      }
      (o.side() == OrderSide.BUY ? bids : offers).add(o);
      total += o.quantityKwh();
    }
    if (bids.isEmpty() || offers.isEmpty()) {
      return new ClearingResult.NoTrade(bids.isEmpty() ? "no bids" : "no offers");
    }
    bids.sort(Comparator.comparingDouble(Order::limitPricePerMwh).reversed());
    offers.sort(Comparator.comparingDouble(Order::limitPricePerMwh));
    double tol = 1e-9 * Math.max(1, total);

    double volume = tradableVolume(bids, offers);
    if (volume <= tol) {
      return new ClearingResult.NoTrade("best bid " + bids.get(0).limitPricePerMwh() + " is below best offer "
          + offers.get(0).limitPricePerMwh());
    }
    Margin demand = margin(bids, volume, tol);
    Margin supply = margin(offers, volume, tol);
    // demand: Dhi = marginal limit, Dlo = next limit beyond it; supply: Slo = marginal limit, Shi = next beyond it
    double lo = Math.max(demand.next(), supply.marginal());
    double hi = Math.min(demand.marginal(), supply.next());
    if (lo > hi + 1e-9) {
      throw new IllegalStateException("no clearing price in [" + lo + ", " + hi + "]");
    }
    double price = (lo + hi) / 2;
    List<Fill> fills = new ArrayList<>();
    allocate(bids, volume, tol, fills);
    allocate(offers, volume, tol, fills);
    return new ClearingResult.Cleared(price, volume, fills);
  }

  private static double tradableVolume(List<Order> bids, List<Order> offers) {
    TreeSet<Double> prices = new TreeSet<>();
    bids.forEach(o -> prices.add(o.limitPricePerMwh()));
    offers.forEach(o -> prices.add(o.limitPricePerMwh()));
    double best = 0;
    for (double p : prices) {
      double demand = 0;
      for (Order b : bids) {
        if (b.limitPricePerMwh() < p) {
          break;
        }
        demand += b.quantityKwh();
      }
      double supply = 0;
      for (Order s : offers) {
        if (s.limitPricePerMwh() > p) {
          break;
        }
        supply += s.quantityKwh();
      }
      best = Math.max(best, Math.min(demand, supply));
    }
    return best;
  }

  /**
   * For a side sorted best price first: the limit of the group where the cumulative quantity reaches the volume, and
   * the limit beyond the margin (the same limit if the group is only partly needed, else the next group's limit, or an
   * infinity on the far side if there is none).
   */
  private record Margin(double marginal, double next) {}

  private static Margin margin(List<Order> side, double volume, double tol) {
    boolean buy = side.get(0).side() == OrderSide.BUY;
    double cumulative = 0;
    int i = 0;
    while (i < side.size()) {
      double limit = side.get(i).limitPricePerMwh();
      int j = i;
      while (j < side.size() && side.get(j).limitPricePerMwh() == limit) {
        cumulative += side.get(j).quantityKwh();
        j++;
      }
      if (cumulative >= volume - tol) {
        if (cumulative > volume + tol) {
          return new Margin(limit, limit);
        }
        double next = j < side.size() ? side.get(j).limitPricePerMwh()
            : (buy ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        return new Margin(limit, next);
      }
      i = j;
    }
    throw new IllegalStateException("side cannot supply the cleared volume " + volume);
  }

  private static void allocate(List<Order> side, double volume, double tol, List<Fill> fills) {
    double remaining = volume;
    int i = 0;
    while (i < side.size() && remaining > tol) {
      double limit = side.get(i).limitPricePerMwh();
      int j = i;
      double group = 0;
      while (j < side.size() && side.get(j).limitPricePerMwh() == limit) {
        group += side.get(j).quantityKwh();
        j++;
      }
      double share = group <= remaining + tol ? 1.0 : remaining / group;
      for (int k = i; k < j; k++) {
        Order o = side.get(k);
        fills.add(new Fill(o, share == 1.0 ? o.quantityKwh() : o.quantityKwh() * share));
      }
      remaining -= Math.min(group, remaining);
      i = j;
    }
  }
}
