package io.etp.marketdata;

import static io.etp.marketdata.LocalHttpServer.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntsoeXmlTest {

  private static final String SOURCE = "entsoe";

  @Test
  void fillsPositionsOmittedFromAnA03CurveWithThePreviousPrice() {
    List<PricePoint> points = EntsoeXml.parseDayAheadPrices(SOURCE, sample("entsoe-a44-be-dst-spring-a03.xml"));

    assertEquals(23, points.size(), "spring-forward day in Brussels has 23 hours");
    assertEquals(new PricePoint("10YBE----------2", Instant.parse("2024-03-30T23:00:00Z"), Duration.ofHours(1), 64.02,
        Currency.getInstance("EUR")), points.get(0));
    assertEquals(58.1, points.get(2).pricePerMwh(), "position 3 omitted, equal to position 2");
    assertEquals(-5.12, points.get(12).pricePerMwh());
    assertEquals(72.5, points.get(21).pricePerMwh(), "trailing positions 22 and 23 omitted");
    assertEquals(72.5, points.get(22).pricePerMwh());
    assertEquals(Instant.parse("2024-03-31T21:00:00Z"), points.get(22).start());
  }

  @Test
  void readsEveryTimeSeriesOfTheDocument() {
    List<PricePoint> points = EntsoeXml.parseDayAheadPrices(SOURCE, sample("entsoe-a44-de-lu-two-days.xml"));

    assertEquals(48, points.size());
    for (int i = 1; i < points.size(); i++) {
      assertEquals(points.get(i - 1).end(), points.get(i).start(), "consecutive across the two TimeSeries");
    }
    assertEquals(Instant.parse("2024-06-01T22:00:00Z"), points.get(24).start());
    assertTrue(points.stream().allMatch(p -> p.zone().equals("10Y1001A1001A82H")));
  }

  @Test
  void readsEveryPeriodOfATimeSeries() {
    String onePeriod = document("A01", "PT60M", "2024-06-01T00:00Z", "2024-06-01T02:00Z", point(1, "10") + point(2, "11"));
    String secondPeriod = """
        <Period>
          <timeInterval><start>2024-06-01T02:00Z</start><end>2024-06-01T03:00Z</end></timeInterval>
          <resolution>PT30M</resolution>
          <Point><position>1</position><price.amount>12</price.amount></Point>
          <Point><position>2</position><price.amount>13.25</price.amount></Point>
        </Period>
        """;
    String xml = onePeriod.replace("</TimeSeries>", secondPeriod + "</TimeSeries>");

    List<PricePoint> points = EntsoeXml.parseDayAheadPrices(SOURCE, xml);

    assertEquals(List.of(10.0, 11.0, 12.0, 13.25), points.stream().map(PricePoint::pricePerMwh).toList());
    assertEquals(Instant.parse("2024-06-01T02:30:00Z"), points.get(3).start());
    assertEquals(Duration.ofMinutes(30), points.get(3).resolution());
  }

  @Test
  void readsQuarterHourResolutionAndFillsItsOmittedRuns() {
    String xml = sample("entsoe-a44-nl-pt15m-a03.xml");
    List<PricePoint> points = EntsoeXml.parseDayAheadPrices(SOURCE, xml);

    assertEquals(96, points.size());
    assertTrue(points.stream().allMatch(p -> p.resolution().equals(Duration.ofMinutes(15))));
    int given = xml.split("<Point>", -1).length - 1;
    assertTrue(given < 96, "the sample omits positions");
    for (int i = 1; i < points.size(); i++) {
      assertEquals(Duration.ofMinutes(15), Duration.between(points.get(i - 1).start(), points.get(i).start()));
    }
  }

  @Test
  void leavesPositionsMissingFromAnA01CurveMissing() {
    String xml = document("A01", "PT60M", "2024-06-01T00:00Z", "2024-06-01T03:00Z", point(1, "10.5") + point(3, "12"));
    List<PricePoint> points = EntsoeXml.parseDayAheadPrices(SOURCE, xml);

    assertEquals(List.of(Instant.parse("2024-06-01T00:00:00Z"), Instant.parse("2024-06-01T02:00:00Z")),
        points.stream().map(PricePoint::start).toList());
  }

  @Test
  void turnsAnAcknowledgementIntoProviderRejectedWithReasonCodeAndText() {
    var e = assertThrows(FetchFailure.ProviderRejected.class,
        () -> EntsoeXml.parseDayAheadPrices(SOURCE, sample("entsoe-acknowledgement-no-data.xml")));
    assertEquals("999", e.reasonCode());
    assertTrue(e.reasonText().startsWith("No matching data found"), e.reasonText());
    assertTrue(EntsoeXml.isAcknowledgement(sample("entsoe-acknowledgement-no-data.xml")));
  }

  @Test
  void rejectsXmlThatIsNotWellFormed() {
    String truncated = sample("entsoe-a44-de-lu-two-days.xml").substring(0, 900);
    var e = assertThrows(FetchFailure.MalformedResponse.class, () -> EntsoeXml.parseDayAheadPrices(SOURCE, truncated));
    assertTrue(e.getMessage().contains("not well-formed XML"), e.getMessage());
  }

  @Test
  void rejectsMissingPriceAmountNonNumericPriceAndPositionOutsideThePeriod() {
    var missing = assertThrows(FetchFailure.MalformedResponse.class, () -> EntsoeXml.parseDayAheadPrices(SOURCE,
        document("A01", "PT60M", "2024-06-01T00:00Z", "2024-06-01T02:00Z", "<Point><position>1</position></Point>")));
    assertTrue(missing.getMessage().contains("Point lacks price.amount"), missing.getMessage());

    var text = assertThrows(FetchFailure.MalformedResponse.class, () -> EntsoeXml.parseDayAheadPrices(SOURCE,
        document("A01", "PT60M", "2024-06-01T00:00Z", "2024-06-01T02:00Z", point(1, "n/a"))));
    assertTrue(text.getMessage().contains("price.amount is not a number: 'n/a'"), text.getMessage());

    var outside = assertThrows(FetchFailure.MalformedResponse.class, () -> EntsoeXml.parseDayAheadPrices(SOURCE,
        document("A01", "PT60M", "2024-06-01T00:00Z", "2024-06-01T02:00Z", point(3, "1"))));
    assertTrue(outside.getMessage().contains("position 3 outside period"), outside.getMessage());
  }

  @Test
  void rejectsAnUnexpectedRootElementAndAnotherPriceUnit() {
    assertThrows(FetchFailure.MalformedResponse.class,
        () -> EntsoeXml.parseDayAheadPrices(SOURCE, "<GL_MarketDocument><mRID>1</mRID></GL_MarketDocument>"));
    String kwh = document("A01", "PT60M", "2024-06-01T00:00Z", "2024-06-01T01:00Z", point(1, "1"))
        .replace("<price_Measure_Unit.name>MWH", "<price_Measure_Unit.name>KWH");
    var e = assertThrows(FetchFailure.MalformedResponse.class, () -> EntsoeXml.parseDayAheadPrices(SOURCE, kwh));
    assertTrue(e.getMessage().contains("KWH is not MWH"), e.getMessage());
  }

  @Test
  void refusesDocumentTypeDeclarationsSoNoExternalEntityIsRead() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
        + "<Publication_MarketDocument>&e;</Publication_MarketDocument>";
    assertThrows(FetchFailure.MalformedResponse.class, () -> EntsoeXml.parseDayAheadPrices(SOURCE, xxe));
  }

  static String point(int position, String price) {
    return "<Point><position>" + position + "</position><price.amount>" + price + "</price.amount></Point>";
  }

  static String document(String curveType, String resolution, String start, String end, String points) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <Publication_MarketDocument xmlns="urn:iec62325.351:tc57wg16:451-3:publicationdocument:7:3">
          <mRID>t</mRID><type>A44</type>
          <TimeSeries>
            <mRID>1</mRID>
            <in_Domain.mRID codingScheme="A01">10YFR-RTE------C</in_Domain.mRID>
            <out_Domain.mRID codingScheme="A01">10YFR-RTE------C</out_Domain.mRID>
            <currency_Unit.name>EUR</currency_Unit.name>
            <price_Measure_Unit.name>MWH</price_Measure_Unit.name>
            <curveType>%s</curveType>
            <Period>
              <timeInterval><start>%s</start><end>%s</end></timeInterval>
              <resolution>%s</resolution>
              %s
            </Period>
          </TimeSeries>
        </Publication_MarketDocument>
        """.formatted(curveType, start, end, resolution, points);
  }
}
