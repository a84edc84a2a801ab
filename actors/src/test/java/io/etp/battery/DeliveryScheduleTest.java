package io.etp.battery;

import static org.junit.jupiter.api.Assertions.*;

import io.etp.battery.DeliverySchedule.CommitResult;
import io.etp.battery.DeliverySchedule.Commitment;
import io.etp.battery.DeliverySchedule.Delivered;
import io.etp.battery.DeliverySchedule.Direction;
import io.etp.battery.DeliverySchedule.Refusal;
import io.etp.money.EnergyKwh;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scenario tests of a battery's schedule, from the battery's point of view, with a clock the test moves. */
class DeliveryScheduleTest {

  static final Instant MIDNIGHT = Instant.parse("2026-03-01T00:00:00Z");
  static final Duration QUARTER = Duration.ofMinutes(15);
  /** 15 kWh, at least 1.5 kWh kept, 5 kW (1.25 kWh per quarter hour), 90 % round trip. */
  static final StorageLimits LIMITS = new StorageLimits(EnergyKwh.parse("15"), EnergyKwh.parse("1.5"),
      new BigDecimal("5"), new BigDecimal("0.9"));

  static EnergyKwh kwh(String v) { return EnergyKwh.parse(v); }

  static DeliveryPeriod quarter(int index) {
    return new DeliveryPeriod(MIDNIGHT.plus(QUARTER.multipliedBy(index)), QUARTER);
  }

  static DeliverySchedule committed(DeliverySchedule s, Commitment c, Instant now) {
    CommitResult r = s.commit(c, now);
    if (r instanceof CommitResult.Committed ok) return ok.schedule();
    fail("refused " + c + ": " + r);
    return null;
  }

  static Refusal refusal(DeliverySchedule s, Commitment c, Instant now) {
    CommitResult r = s.commit(c, now);
    assertInstanceOf(CommitResult.Refused.class, r, "should refuse " + c);
    return ((CommitResult.Refused) r).refusal();
  }

  @Test
  void aDayOfOffersTradesAndDeliveriesKeepsTheStateOfChargeWithinItsBounds() {
    DeliverySchedule s = DeliverySchedule.start(LIMITS, kwh("9"), MIDNIGHT);
    Instant now = MIDNIGHT;
    int trade = 0;
    int refusedBids = 0;
    EnergyKwh sold = EnergyKwh.ZERO;
    EnergyKwh bought = EnergyKwh.ZERO;
    // a day in quarter-hour steps: the clock leaps 15 minutes, the battery trades the next period, the ended ones
    // are delivered
    for (int step = 0; step < 96; step++) {
      DeliveryPeriod next = DeliveryPeriod.nextAfter(now, QUARTER);
      int hour = (int) Duration.between(MIDNIGHT, next.start()).toHours();
      if (hour < 6) {
        // night: the battery buys to charge, as much as its schedule takes
        EnergyKwh offer = s.chargeable(next);
        if (!offer.isZero()) {
          s = committed(s, new Commitment("t" + ++trade, next, Direction.CHARGE, offer), now);
          bought = bought.plus(offer);
        }
      } else {
        // day: the battery offers what its schedule can deliver; two aggregators each bid 0.8 kWh
        for (int bidder = 0; bidder < 2; bidder++) {
          EnergyKwh offer = s.dischargeable(next);
          Commitment bid = new Commitment("t" + ++trade, next, Direction.DISCHARGE, kwh("0.8"));
          if (bid.energyKwh().compareTo(offer) <= 0) {
            s = committed(s, bid, now);
            sold = sold.plus(bid.energyKwh());
          } else {
            Refusal r = refusal(s, bid, now);
            assertTrue(r == Refusal.POWER_LIMIT || r == Refusal.BELOW_MINIMUM_CHARGE, r.name());
            refusedBids++;
          }
        }
      }
      assertTrue(s.plannedLowestKwh(next.end()).compareTo(LIMITS.minimumKwh()) >= 0);
      assertTrue(s.plannedFinalKwh().compareTo(LIMITS.capacityKwh()) <= 0);
      now = now.plus(QUARTER);
      Delivered d = s.deliverDue(now, DeliverySchedule.Meter.SIMULATED);
      s = d.schedule();
      d.deliveries().forEach(x -> assertTrue(x.shortfallKwh().isZero(), "a simulated battery delivers in full"));
      assertTrue(s.measuredKwh().compareTo(LIMITS.minimumKwh()) >= 0, "under the minimum at " + now);
      assertTrue(s.measuredKwh().compareTo(LIMITS.capacityKwh()) <= 0, "above capacity at " + now);
    }
    s = s.deliverDue(now.plus(QUARTER), DeliverySchedule.Meter.SIMULATED).schedule();

    assertTrue(s.pending().isEmpty());
    // the night filled the battery to its capacity: 6 kWh of room, 1.25 kWh per quarter from the grid
    assertTrue(bought.compareTo(kwh("6.666")) >= 0, "bought " + bought);
    // the power limit let one 0.8 kWh bid in per quarter; the minimum ended the selling
    assertTrue(refusedBids > 72, "refused " + refusedBids);
    assertEquals(kwh("6"), s.storedKwh()); // filled from 9 kWh to the 15 kWh capacity
    // 15 - 1.5 minimum = 13.5 kWh to sell: 16 bids of 0.8 kWh, and 0.7 kWh left that no bid fits
    assertEquals(kwh("12.8"), sold);
    assertEquals(kwh("2.2"), s.measuredKwh());
    assertEquals(kwh("9").plus(s.storedKwh()).minus(sold), s.measuredKwh());
    assertEquals(sold, s.discharged().deliveredKwh());
    assertEquals(bought, s.charged().deliveredKwh());
  }

  @Test
  void anUnderDeliveringDeviceHasItsShortfallRecordedPerTrade() {
    DeliverySchedule s = DeliverySchedule.start(LIMITS, kwh("10"), MIDNIGHT);
    s = committed(s, new Commitment("a", quarter(1), Direction.DISCHARGE, kwh("0.75")), MIDNIGHT);
    s = committed(s, new Commitment("b", quarter(1), Direction.DISCHARGE, kwh("0.5")), MIDNIGHT);
    // the device's meter: trade a delivered 0.6 kWh of 0.75, b in full
    Map<String, EnergyKwh> metered = Map.of("a", kwh("0.6"), "b", kwh("0.5"));

    Delivered early = s.deliverDue(quarter(1).end().minusMillis(1), c -> metered.get(c.tradeId()));
    assertTrue(early.deliveries().isEmpty(), "nothing is delivered before its period ends");

    Delivered d = s.deliverDue(quarter(1).end(), c -> metered.get(c.tradeId()));
    assertEquals(2, d.deliveries().size());
    DeliverySchedule.Delivery a = d.deliveries().get(0);
    assertEquals("a", a.commitment().tradeId());
    assertEquals(kwh("0.6"), a.deliveredKwh());
    assertEquals(kwh("0.15"), a.shortfallKwh());
    assertEquals(kwh("0"), d.deliveries().get(1).shortfallKwh());
    assertEquals(kwh("8.9"), d.schedule().measuredKwh()); // 10 - 0.6 - 0.5
    assertEquals(quarter(1).end(), d.schedule().measuredAt());
    assertEquals(kwh("1.25"), d.schedule().discharged().committedKwh());
    assertEquals(kwh("1.1"), d.schedule().discharged().deliveredKwh());
    assertEquals(kwh("0.15"), d.schedule().discharged().shortfallKwh());
  }

  @Test
  void overDeliveryIsNotCountedBeyondTheCommittedEnergy() {
    DeliverySchedule s = DeliverySchedule.start(LIMITS, kwh("10"), MIDNIGHT);
    s = committed(s, new Commitment("a", quarter(1), Direction.DISCHARGE, kwh("1")), MIDNIGHT);
    Delivered d = s.deliverDue(quarter(2).start(), c -> kwh("1.2"));
    assertEquals(kwh("1"), d.deliveries().get(0).deliveredKwh());
    assertEquals(kwh("1.2"), d.deliveries().get(0).meteredKwh());
    assertEquals(kwh("9"), d.schedule().measuredKwh());
  }

  @Test
  void refusesASaleThatWouldTakeTheChargeUnderTheMinimum() {
    DeliverySchedule s = DeliverySchedule.start(LIMITS, kwh("2.5"), MIDNIGHT);
    assertEquals(kwh("1"), s.dischargeable(quarter(1)));
    assertEquals(Refusal.BELOW_MINIMUM_CHARGE,
        refusal(s, new Commitment("a", quarter(1), Direction.DISCHARGE, kwh("1.001")), MIDNIGHT));
    committed(s, new Commitment("a", quarter(1), Direction.DISCHARGE, kwh("1")), MIDNIGHT);
  }

  @Test
  void aSaleInALaterPeriodIsProtectedFromAnEarlierOne() {
    DeliverySchedule s = DeliverySchedule.start(LIMITS, kwh("2.5"), MIDNIGHT);
    s = committed(s, new Commitment("late", quarter(5), Direction.DISCHARGE, kwh("0.7")), MIDNIGHT);
    assertEquals(kwh("0.3"), s.dischargeable(quarter(2)));
    assertEquals(Refusal.BELOW_MINIMUM_CHARGE,
        refusal(s, new Commitment("early", quarter(2), Direction.DISCHARGE, kwh("0.5")), MIDNIGHT));
  }

  @Test
  void aChargeBeforeASaleMakesRoomForIt() {
    DeliverySchedule s = DeliverySchedule.start(LIMITS, kwh("1.5"), MIDNIGHT);
    assertEquals(kwh("0"), s.dischargeable(quarter(3)));
    s = committed(s, new Commitment("buy", quarter(1), Direction.CHARGE, kwh("1")), MIDNIGHT);
    // 1 kWh bought stores 0.9 kWh: the 10 % round-trip loss is counted on charging
    assertEquals(kwh("0.9"), s.dischargeable(quarter(3)));
    // in the same period as the charge the order is unknown: the sale could come first
    assertEquals(kwh("0"), s.dischargeable(quarter(1)));
  }

  @Test
  void refusesMoreThanThePowerLimitInOnePeriod() {
    DeliverySchedule s = DeliverySchedule.start(LIMITS, kwh("14"), MIDNIGHT);
    s = committed(s, new Commitment("a", quarter(1), Direction.DISCHARGE, kwh("1")), MIDNIGHT);
    assertEquals(kwh("0.25"), s.dischargeable(quarter(1)));
    assertEquals(Refusal.POWER_LIMIT,
        refusal(s, new Commitment("b", quarter(1), Direction.DISCHARGE, kwh("0.3")), MIDNIGHT));
  }

  @Test
  void anHourProductSharesThePowerOfTheQuartersItOverlaps() {
    DeliverySchedule s = DeliverySchedule.start(LIMITS, kwh("14"), MIDNIGHT);
    DeliveryPeriod hour = new DeliveryPeriod(MIDNIGHT.plus(Duration.ofHours(1)), Duration.ofHours(1));
    s = committed(s, new Commitment("q", quarter(6), Direction.DISCHARGE, kwh("1")), MIDNIGHT); // 4 kW 01:30-01:45
    assertEquals(kwh("1"), s.dischargeable(hour)); // 1 kW left for a whole hour
    s = committed(s, new Commitment("h", hour, Direction.DISCHARGE, kwh("1")), MIDNIGHT);
    assertEquals(kwh("0"), s.dischargeable(quarter(6)));
    assertEquals(kwh("1"), s.dischargeable(quarter(5))); // 01:15: only the hour's 1 kW runs
  }

  @Test
  void refusesAChargeAboveCapacity() {
    DeliverySchedule s = DeliverySchedule.start(LIMITS, kwh("14.5"), MIDNIGHT);
    assertEquals(kwh("0.556"), s.chargeable(quarter(1))); // 0.556 x 0.9 = 0.5004 -> stores 0.500
    assertEquals(Refusal.ABOVE_CAPACITY,
        refusal(s, new Commitment("a", quarter(1), Direction.CHARGE, kwh("0.6")), MIDNIGHT));
  }

  @Test
  void refusesAPeriodThatHasStartedAndADuplicateTrade() {
    DeliverySchedule s = DeliverySchedule.start(LIMITS, kwh("10"), MIDNIGHT);
    Instant now = quarter(2).start();
    assertEquals(Refusal.PERIOD_STARTED,
        refusal(s, new Commitment("a", quarter(2), Direction.DISCHARGE, kwh("0.1")), now));
    s = committed(s, new Commitment("a", quarter(3), Direction.DISCHARGE, kwh("0.1")), now);
    assertEquals(Refusal.DUPLICATE_TRADE,
        refusal(s, new Commitment("a", quarter(4), Direction.DISCHARGE, kwh("0.1")), now));
  }

  @Test
  void deliveryNeverTakesTheChargeUnderTheMinimumWhenAChargeFellShort() {
    DeliverySchedule s = DeliverySchedule.start(LIMITS, kwh("1.5"), MIDNIGHT);
    s = committed(s, new Commitment("buy", quarter(1), Direction.CHARGE, kwh("1")), MIDNIGHT);
    s = committed(s, new Commitment("sell", quarter(2), Direction.DISCHARGE, kwh("0.9")), MIDNIGHT);
    // the charge delivered only half: the sale can deliver only what was stored
    Delivered d = s.deliverDue(quarter(3).start(),
        c -> c.direction() == Direction.CHARGE ? kwh("0.5") : c.energyKwh());
    assertEquals(kwh("0.45"), d.deliveries().get(1).deliveredKwh());
    assertEquals(kwh("0.45"), d.deliveries().get(1).shortfallKwh());
    assertEquals(LIMITS.minimumKwh(), d.schedule().measuredKwh());
  }
}
