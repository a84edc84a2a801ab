package io.etp.battery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.battery.DeliverySchedule.Commitment;
import io.etp.battery.DeliverySchedule.Delivery;
import io.etp.battery.DeliverySchedule.Direction;
import io.etp.money.Amount;
import io.etp.money.EnergyKwh;
import io.etp.money.MarketCurrency;
import io.etp.money.PriceCPerKwh;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MeteredDeliveryTest {

  private static final Instant MIDNIGHT = Instant.parse("2026-11-21T00:00:00Z");
  private static final DeliveryPeriod Q1 = new DeliveryPeriod(MIDNIGHT.plusSeconds(900), Duration.ofMinutes(15));
  private static final DeliveryPeriod Q2 = new DeliveryPeriod(MIDNIGHT.plusSeconds(1800), Duration.ofMinutes(15));
  private static final Duration GRACE = Duration.ofMinutes(2);

  private static EnergyKwh kwh(String v) { return EnergyKwh.parse(v); }

  /** 12 kWh stored; trades a (3 kWh) and b (4 kWh) in Q1, c (2 kWh) in Q2, a charge d (1 kWh) in Q1. */
  private static DeliverySchedule schedule() {
    DeliverySchedule s = DeliverySchedule.start(DeliveryScheduleTest.LIMITS, kwh("12"), MIDNIGHT);
    s = s.accept(new Commitment("b", Q1, Direction.DISCHARGE, kwh("4")));
    s = s.accept(new Commitment("a", Q1, Direction.DISCHARGE, kwh("3")));
    s = s.accept(new Commitment("c", Q2, Direction.DISCHARGE, kwh("2")));
    return s.accept(new Commitment("d", Q1, Direction.CHARGE, kwh("1")));
  }

  private static Delivery of(List<Delivery> ds, String tradeId) {
    return ds.stream().filter(d -> d.commitment().tradeId().equals(tradeId)).findFirst().orElseThrow();
  }

  @Test
  void aReadingIsSplitOverThePeriodsDischargesInTradeIdOrderEachUpToItsCommitment() {
    DeliverySchedule s = schedule();
    Map<DeliveryPeriod, EnergyKwh> readings = Map.of(Q1, kwh("5"));
    List<Delivery> ds = s.deliverDue(Q1.end(), MeteredDelivery.meter(s, readings)).deliveries();
    assertEquals(3, ds.size());
    assertEquals(kwh("3"), of(ds, "a").deliveredKwh());
    assertEquals(kwh("0"), of(ds, "a").shortfallKwh());
    assertEquals(kwh("2"), of(ds, "b").deliveredKwh());
    assertEquals(kwh("2"), of(ds, "b").shortfallKwh());
    assertEquals(kwh("2"), of(ds, "b").meteredKwh());
    // a charge is not covered by the reading: metered as committed
    assertEquals(kwh("1"), of(ds, "d").deliveredKwh());
  }

  @Test
  void moreThanCommittedIsNotCounted() {
    DeliverySchedule s = schedule();
    List<Delivery> ds = s.deliverDue(Q1.end(), MeteredDelivery.meter(s, Map.of(Q1, kwh("9.5")))).deliveries();
    assertEquals(kwh("3"), of(ds, "a").deliveredKwh());
    assertEquals(kwh("4"), of(ds, "b").deliveredKwh());
    assertEquals(kwh("0"), of(ds, "b").shortfallKwh());
  }

  @Test
  void aPeriodWithoutAReadingWaitsForTheGraceThenDeliversZero() {
    DeliverySchedule s = schedule();
    Instant justEnded = Q1.end().plusSeconds(1);
    Instant upTo = MeteredDelivery.deliverableUpTo(s, Map.of(), justEnded, GRACE);
    assertTrue(upTo.isBefore(Q1.end()), "Q1 waits for its reading: " + upTo);
    assertEquals(List.of(), s.deliverDue(upTo, MeteredDelivery.meter(s, Map.of())).deliveries());
    Instant graceOver = Q1.end().plus(GRACE);
    assertEquals(graceOver, MeteredDelivery.deliverableUpTo(s, Map.of(), graceOver, GRACE));
    List<Delivery> ds = s.deliverDue(graceOver, MeteredDelivery.meter(s, Map.of())).deliveries();
    assertEquals(kwh("0"), of(ds, "a").deliveredKwh());
    assertEquals(kwh("3"), of(ds, "a").shortfallKwh());
    assertEquals(kwh("4"), of(ds, "b").shortfallKwh());
  }

  @Test
  void aReadingDeliversItsPeriodAtOnceButAWaitingEarlierPeriodHoldsLaterOnesBack() {
    DeliverySchedule s = schedule();
    Instant afterQ2 = Q2.end().plusSeconds(1);
    // Q1 ended more than the grace ago (delivered 0), Q2 has its reading
    assertEquals(afterQ2, MeteredDelivery.deliverableUpTo(s, Map.of(Q2, kwh("2")), afterQ2, GRACE));
    // Q1 has its reading, Q2 ended 1 s ago without one: Q1 is delivered, Q2 waits
    Instant upTo = MeteredDelivery.deliverableUpTo(s, Map.of(Q1, kwh("7")), afterQ2, GRACE);
    List<Delivery> ds = s.deliverDue(upTo, MeteredDelivery.meter(s, Map.of(Q1, kwh("7")))).deliveries();
    assertEquals(List.of("a", "b", "d"), ds.stream().map(d -> d.commitment().tradeId()).sorted().toList());
    // with grace not over for Q1 either, nothing is delivered, although Q2 has its reading
    Instant q1JustEnded = Q1.end().plusSeconds(1);
    Instant none = MeteredDelivery.deliverableUpTo(s, Map.of(Q2, kwh("2")), q1JustEnded, GRACE);
    assertEquals(List.of(), s.deliverDue(none, MeteredDelivery.meter(s, Map.of(Q2, kwh("2")))).deliveries());
  }

  @Test
  void theAmountDueIsTheDeliveredEnergyTimesThePriceRoundedOnce() {
    DeliverySchedule s = DeliverySchedule.start(DeliveryScheduleTest.LIMITS, kwh("12"), MIDNIGHT)
        .accept(new Commitment("p", Q1, Direction.DISCHARGE, kwh("4"), Optional.of(PriceCPerKwh.parse("16.82"))))
        .accept(new Commitment("n", Q1, Direction.DISCHARGE, kwh("1")));
    List<Delivery> ds = s.deliverDue(Q1.end(), MeteredDelivery.meter(s, Map.of(Q1, kwh("2.345")))).deliveries();
    Delivery p = of(ds, "p");
    assertEquals(kwh("1.345"), p.deliveredKwh(), "n (1 kWh) comes first by trade id");
    // 1.345 kWh x 16.82 c/kWh = 22.6229 c = EUR 0.226229, rounded once (half even) to EUR 0.23; not 4 kWh's 0.67
    assertEquals(Optional.of(new Amount(new BigDecimal("0.23"), MarketCurrency.EUR)), p.amountDue(MarketCurrency.EUR));
    assertEquals(Optional.empty(), of(ds, "n").amountDue(MarketCurrency.EUR), "no price, no amount");
  }

  @Test
  void reputationFallsWithTheShortfallAndStartsAtOne() {
    assertEquals(1.0, MeteredDelivery.reputation(DeliverySchedule.Totals.ZERO));
    DeliverySchedule s = schedule();
    DeliverySchedule full = s.deliverDue(Q1.end(), DeliverySchedule.Meter.SIMULATED).schedule();
    assertEquals(1.0, MeteredDelivery.reputation(full.discharged()));
    DeliverySchedule shortOf = s.deliverDue(Q1.end(), MeteredDelivery.meter(s, Map.of(Q1, kwh("5")))).schedule();
    // delivered 5, short 2: (5 + 1) / (5 + 2 + 1)
    assertEquals(0.75, MeteredDelivery.reputation(shortOf.discharged()), 1e-12);
    DeliverySchedule none = s.deliverDue(Q1.end(), MeteredDelivery.meter(s, Map.of())).schedule();
    // delivered 0, short 7: 1 / 8
    assertEquals(0.125, MeteredDelivery.reputation(none.discharged()), 1e-12);
  }
}
