package io.etp.marketdata;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads ENTSO-E Transparency Platform documents: the day-ahead price {@code Publication_MarketDocument} (A44) and the
 * {@code Acknowledgement_MarketDocument} error reply. Elements are matched by local name, so the schema version in
 * the namespace (7:0, 7:3, ...) does not matter. DTDs and external entities are refused.
 */
public final class EntsoeXml {

  private EntsoeXml() {}

  /**
   * The price points of every TimeSeries and Period in {@code xml}, sorted by nothing but document order.
   * With curve type A03 (variable sized blocks) an omitted position repeats the previous position's price up to the
   * next given position or the end of the period; with A01 (the default) every position stands for itself and an
   * omitted one stays missing (the validation reports it as a gap).
   *
   * @throws FetchFailure.ProviderRejected when the document is an acknowledgement (error reply)
   * @throws FetchFailure.MalformedResponse when the XML is unparseable or misses required elements
   */
  public static List<PricePoint> parseDayAheadPrices(String source, String xml) {
    Element root = parse(source, xml).getDocumentElement();
    String rootName = localName(root);
    if (rootName.equals("Acknowledgement_MarketDocument")) {
      throw rejection(source, root);
    }
    if (!rootName.equals("Publication_MarketDocument")) {
      throw new FetchFailure.MalformedResponse(source, "expected Publication_MarketDocument but root is " + rootName);
    }
    List<PricePoint> points = new ArrayList<>();
    List<Element> series = children(root, "TimeSeries");
    if (series.isEmpty()) {
      throw new FetchFailure.MalformedResponse(source, "Publication_MarketDocument without TimeSeries");
    }
    for (Element timeSeries : series) {
      String zone = text(source, timeSeries, "in_Domain.mRID");
      Currency currency = currency(source, text(source, timeSeries, "currency_Unit.name"));
      String unit = text(source, timeSeries, "price_Measure_Unit.name");
      if (!unit.equals("MWH")) {
        throw new FetchFailure.MalformedResponse(source, "price unit " + unit + " is not MWH");
      }
      String curveType = optionalText(timeSeries, "curveType");
      boolean fillOmitted = "A03".equals(curveType);
      List<Element> periods = children(timeSeries, "Period");
      if (periods.isEmpty()) {
        throw new FetchFailure.MalformedResponse(source, "TimeSeries without Period");
      }
      for (Element period : periods) {
        readPeriod(source, period, zone, currency, fillOmitted, points);
      }
    }
    return points;
  }

  /** True when {@code xml}'s root element is an {@code Acknowledgement_MarketDocument}. */
  static boolean isAcknowledgement(String xml) {
    int start = xml.indexOf('<', xml.startsWith("<?xml") ? xml.indexOf("?>") + 2 : 0);
    return start >= 0 && xml.startsWith("Acknowledgement_MarketDocument", start + 1);
  }

  private static void readPeriod(String source, Element period, String zone, Currency currency, boolean fillOmitted,
      List<PricePoint> out) {
    Element interval = child(source, period, "timeInterval");
    Instant start = instant(source, text(source, interval, "start"));
    Instant end = instant(source, text(source, interval, "end"));
    Duration resolution;
    try {
      resolution = Duration.parse(text(source, period, "resolution"));
    } catch (DateTimeParseException e) {
      throw new FetchFailure.MalformedResponse(source, "resolution is not an ISO-8601 duration", e);
    }
    if (resolution.isZero() || resolution.isNegative() || !end.isAfter(start)) {
      throw new FetchFailure.MalformedResponse(source, "empty or inverted period " + start + "/" + end);
    }
    long slots = Duration.between(start, end).dividedBy(resolution);
    TreeMap<Integer, Double> byPosition = new TreeMap<>();
    for (Element point : children(period, "Point")) {
      int position = integer(source, text(source, point, "position"));
      if (position < 1 || position > slots) {
        throw new FetchFailure.MalformedResponse(source,
            "position " + position + " outside period " + start + "/" + end + " of " + slots + " intervals");
      }
      if (byPosition.put(position, decimal(source, text(source, point, "price.amount"))) != null) {
        throw new FetchFailure.MalformedResponse(source, "position " + position + " given twice in one Period");
      }
    }
    if (byPosition.isEmpty()) {
      throw new FetchFailure.MalformedResponse(source, "Period " + start + " has no Point");
    }
    for (int position = 1; position <= slots; position++) {
      Double price = byPosition.get(position);
      if (price == null && fillOmitted && position > byPosition.firstKey()) {
        price = byPosition.floorEntry(position).getValue();
      }
      if (price != null) {
        out.add(new PricePoint(zone, start.plus(resolution.multipliedBy(position - 1L)), resolution, price, currency));
      }
    }
  }

  private static FetchFailure.ProviderRejected rejection(String source, Element root) {
    List<Element> reasons = children(root, "Reason");
    if (reasons.isEmpty()) {
      return new FetchFailure.ProviderRejected(source, "?", "acknowledgement without Reason");
    }
    Element reason = reasons.get(0);
    return new FetchFailure.ProviderRejected(source, optionalText(reason, "code"), optionalText(reason, "text"));
  }

  private static Document parse(String source, String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder.parse(new InputSource(new StringReader(xml)));
    } catch (SAXException | java.io.IOException e) {
      throw new FetchFailure.MalformedResponse(source, "not well-formed XML: " + e.getMessage(), e);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("XML parser lacks secure-processing features", e);
    }
  }

  private static String localName(Node node) {
    return node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName(e).equals(name)) {
        found.add(e);
      }
    }
    return found;
  }

  private static Element child(String source, Element parent, String name) {
    List<Element> found = children(parent, name);
    if (found.isEmpty()) {
      throw new FetchFailure.MalformedResponse(source, localName(parent) + " lacks " + name);
    }
    return found.get(0);
  }

  private static String text(String source, Element parent, String name) {
    String value = child(source, parent, name).getTextContent().trim();
    if (value.isEmpty()) {
      throw new FetchFailure.MalformedResponse(source, localName(parent) + "/" + name + " is empty");
    }
    return value;
  }

  private static String optionalText(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0).getTextContent().trim();
  }

  private static Instant instant(String source, String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new FetchFailure.MalformedResponse(source, "bad timestamp '" + value + "'", e);
    }
  }

  private static int integer(String source, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new FetchFailure.MalformedResponse(source, "position is not an integer: '" + value + "'", e);
    }
  }

  private static double decimal(String source, String value) {
    try {
      double parsed = Double.parseDouble(value);
      if (!Double.isFinite(parsed)) {
        throw new NumberFormatException("not finite");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new FetchFailure.MalformedResponse(source, "price.amount is not a number: '" + value + "'", e);
    }
  }

  private static Currency currency(String source, String code) {
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new FetchFailure.MalformedResponse(source, "unknown currency '" + code + "'", e);
    }
  }
}
