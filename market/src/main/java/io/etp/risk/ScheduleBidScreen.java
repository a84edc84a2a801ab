package io.etp.risk;

import io.etp.optimize.DispatchSchedule;
import io.etp.optimize.PeriodBid;
import io.etp.optimize.StorageSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the risk rules to the bids the optimiser derived from a schedule, before they go to the market.
 *
 * <p>Bids are checked in period order. The device's SoC at the start of each bid's period is the schedule's
 * projection (the SoC at the end of the previous period, or the initial SoC), i.e. it assumes earlier bids fill as
 * scheduled. Each approved bid is added to the aggregator book and to the device's committed net export, so later bids
 * see the position, exposure and budget the earlier ones used.
 */
public final class ScheduleBidScreen {

  private final RiskRules rules;

  /** A screen using these rules (and their audit sink). */
  public ScheduleBidScreen(RiskRules rules) {
    this.rules = rules;
  }

  /** A rejected bid and why. */
  public record RejectedBid(PeriodBid bid, RiskDecision.Rejected rejection) {}

  /** The outcome: bids cleared to trade, bids stopped, and the aggregator book including the approved ones. */
  public record Screening(List<PeriodBid> approved, List<RejectedBid> rejected, AggregatorBook book) {
    public Screening {
      approved = List.copyOf(approved);
      rejected = List.copyOf(rejected);
    }
  }

  /**
   * Screens {@code bids} for {@code schedule}, which was optimised for a device with limits {@code storage}.
   *
   * @param device the device's health, safety bounds and existing commitments; its {@code socKwh} is replaced per
   *               bid by the schedule's projection
   */
  public Screening screen(String aggregatorId, AggregatorBook book, DeviceState device, List<DrCommitment> commitments,
      StorageSpec storage, DispatchSchedule schedule, List<PeriodBid> bids) {
    List<PeriodBid> approved = new ArrayList<>();
    List<RejectedBid> rejected = new ArrayList<>();
    AggregatorBook currentBook = book;
    DeviceState currentDevice = device;
    for (PeriodBid bid : bids) {
      double socAtStart = bid.period() == 0 ? storage.initialSocKwh()
          : schedule.intervals().get(bid.period() - 1).socEndKwh();
      currentDevice = currentDevice.atSoc(socAtStart);
      OrderIntent order = new OrderIntent(aggregatorId, device.deviceId(), bid.period(), bid.side(), bid.quantityKwh(),
          bid.limitPricePerMwh());
      RiskDecision decision = rules.evaluate(order, new RiskContext(currentBook, currentDevice, commitments));
      if (decision instanceof RiskDecision.Rejected r) {
        rejected.add(new RejectedBid(bid, r));
      } else {
        approved.add(bid);
        currentBook = currentBook.with(order);
        currentDevice = currentDevice.with(order);
      }
    }
    return new Screening(approved, rejected, currentBook);
  }
}
