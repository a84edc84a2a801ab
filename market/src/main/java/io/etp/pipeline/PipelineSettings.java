package io.etp.pipeline;

import io.etp.risk.AggregatorLimits;
import java.util.List;

/**
 * What the decision pipeline trades with and under which limits.
 *
 * @param fleet                 the batteries, all traded by one aggregator
 * @param aggregatorId          the aggregator's id in the risk book and on the orders
 * @param limits                its limits, per day (position per period in kWh, exposure and budget in currency)
 * @param priceFloorPerMwh      market price floor for the risk rules, currency/MWh
 * @param priceCapPerMwh        market price cap for the risk rules, currency/MWh
 * @param minStateOfHealthPct   devices below this state of health are refused
 * @param curve                 the simulated rest of the market
 */
public record PipelineSettings(List<PipelineBattery> fleet, String aggregatorId, AggregatorLimits limits,
    double priceFloorPerMwh, double priceCapPerMwh, double minStateOfHealthPct, SimulatedMarketCurve curve) {

  public PipelineSettings {
    fleet = List.copyOf(fleet);
    if (fleet.isEmpty()) throw new IllegalArgumentException("the fleet is empty");
    if (priceFloorPerMwh > priceCapPerMwh) throw new IllegalArgumentException("price floor above the cap");
  }

  /**
   * The defaults of the command and the node: a fleet of {@code batteries} (seed 7), position limit 6 MWh per period,
   * exposure 3,000 and budget 2,000 per day, prices -500..3,000 per MWh, state of health at least 75 %, and a market of
   * 2 MWh steps 2 per MWh apart, 20 steps each side.
   */
  public static PipelineSettings defaults(int batteries) {
    return new PipelineSettings(PipelineBattery.fleet(batteries, 7), "pipeline-agg",
        new AggregatorLimits(6000, 3000, 2000), -500, 3000, 75, new SimulatedMarketCurve(2000, 2, 20));
  }
}
