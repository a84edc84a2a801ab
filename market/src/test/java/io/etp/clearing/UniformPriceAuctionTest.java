package io.etp.clearing;

import static io.etp.clearing.Order.buy;
import static io.etp.clearing.Order.sell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class UniformPriceAuctionTest {

  private static final double EPS = 1e-9;

  private static Map<String, Double> filled(ClearingResult.Cleared result) {
    return result.fills().stream().collect(Collectors.toMap(f -> f.order().orderId(), Fill::filledKwh));
  }

  @Test
  void clearsAtMidpointOfOverlappingVerticalSegments() {
    // demand 10@60, 10@45, 10@25; supply 10@20, 10@35, 10@50. At 20 kWh the demand curve drops from 45 to 25 and the
    // supply curve rises from 35 to 50: the overlap is [35, 45], midpoint 40.
    var result = assertInstanceOf(ClearingResult.Cleared.class, UniformPriceAuction.clear(List.of(
        buy("b1", "A", 10, 60), buy("b2", "B", 10, 45), buy("b3", "C", 10, 25),
        sell("s1", "X", 10, 20), sell("s2", "Y", 10, 35), sell("s3", "Z", 10, 50))));
    assertEquals(40, result.pricePerMwh(), EPS);
    assertEquals(20, result.volumeKwh(), EPS);
    assertEquals(Map.of("b1", 10.0, "b2", 10.0, "s1", 10.0, "s2", 10.0), filled(result));
  }

  @Test
  void priceIsBoundedByRejectedOrdersNotOnlyByAcceptedOnes() {
    // accepted b1@50 and s1@10, rejected b2@30 and s2@40: any price in [30, 40] leaves nobody unfilled in the money
    var result = assertInstanceOf(ClearingResult.Cleared.class, UniformPriceAuction.clear(List.of(
        buy("b1", "A", 10, 50), buy("b2", "B", 10, 30), sell("s1", "X", 10, 10), sell("s2", "Y", 10, 40))));
    assertEquals(35, result.pricePerMwh(), EPS);
    assertEquals(10, result.volumeKwh(), EPS);
  }

  @Test
  void longDemandAtTheMarginIsSharedProRataAndSetsThePrice() {
    // 40 kWh wanted at 50, 20 kWh offered at 20: the horizontal demand step meets the vertical end of supply at 50
    var result = assertInstanceOf(ClearingResult.Cleared.class, UniformPriceAuction.clear(List.of(
        buy("b1", "A", 30, 50), buy("b2", "B", 10, 50), sell("s1", "X", 20, 20))));
    assertEquals(50, result.pricePerMwh(), EPS);
    assertEquals(20, result.volumeKwh(), EPS);
    Map<String, Double> fills = filled(result);
    assertEquals(15, fills.get("b1"), EPS);
    assertEquals(5, fills.get("b2"), EPS);
    assertEquals(20, fills.get("s1"), EPS);
  }

  @Test
  void longSupplyAtTheMarginIsSharedProRataAfterBetterOffersAreFilled() {
    // demand 25@70; supply 10@30 then a tie of 20 and 10 at 40: 15 kWh remain for the tied offers, split 10 : 5
    var result = assertInstanceOf(ClearingResult.Cleared.class, UniformPriceAuction.clear(List.of(
        buy("b1", "A", 25, 70), sell("s1", "X", 10, 30), sell("s2", "Y", 20, 40), sell("s3", "Z", 10, 40))));
    assertEquals(40, result.pricePerMwh(), EPS);
    assertEquals(25, result.volumeKwh(), EPS);
    assertEquals(Map.of("b1", 25.0, "s1", 10.0, "s2", 10.0, "s3", 5.0), filled(result));
  }

  @Test
  void horizontalOverlapAtOnePriceClearsAtThatPrice() {
    var result = assertInstanceOf(ClearingResult.Cleared.class, UniformPriceAuction.clear(List.of(
        buy("b1", "A", 10, 40), buy("b2", "B", 10, 40),
        sell("s1", "X", 5, 40), sell("s2", "Y", 5, 40), sell("s3", "Z", 20, 60))));
    assertEquals(40, result.pricePerMwh(), EPS);
    assertEquals(10, result.volumeKwh(), EPS);
    assertEquals(Map.of("b1", 5.0, "b2", 5.0, "s1", 5.0, "s2", 5.0), filled(result));
  }

  @Test
  void negativePricesClearLikeAnyOther() {
    var result = assertInstanceOf(ClearingResult.Cleared.class, UniformPriceAuction.clear(List.of(
        buy("b1", "A", 10, -5), sell("s1", "X", 10, -25))));
    assertEquals(-15, result.pricePerMwh(), EPS);
    assertEquals(10, result.volumeKwh(), EPS);
  }

  @Test
  void curvesThatDoNotCrossTradeNothing() {
    ClearingResult result = UniformPriceAuction.clear(List.of(buy("b1", "A", 10, 20), sell("s1", "X", 10, 30)));
    assertInstanceOf(ClearingResult.NoTrade.class, result);
    assertEquals(0, result.volumeKwh());
    assertInstanceOf(ClearingResult.NoTrade.class, UniformPriceAuction.clear(List.of(buy("b1", "A", 10, 20))));
  }

  @Test
  void rejectsDuplicateOrderIdsAndBadOrders() {
    assertThrows(IllegalArgumentException.class,
        () -> UniformPriceAuction.clear(List.of(buy("o", "A", 1, 20), sell("o", "X", 1, 10))));
    assertThrows(IllegalArgumentException.class, () -> buy("o", "A", 0, 20));
    assertThrows(IllegalArgumentException.class, () -> sell("o", "A", 1, Double.NaN));
  }

  @Test
  void dayAheadMarketClearsEachPeriodIndependently() {
    var results = DayAheadMarket.clear(Map.of(
        0, List.of(buy("b1", "A", 10, 50), sell("s1", "X", 10, 30)),
        1, List.of(buy("b2", "A", 10, 20), sell("s2", "X", 10, 30))));
    assertEquals(40, assertInstanceOf(ClearingResult.Cleared.class, results.get(0)).pricePerMwh(), EPS);
    assertInstanceOf(ClearingResult.NoTrade.class, results.get(1));
  }
}
