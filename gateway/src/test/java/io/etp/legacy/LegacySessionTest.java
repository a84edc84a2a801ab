package io.etp.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.protocol.delivery.DeliveryPeriod;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.ReasonCode;
import io.etp.protocol.v1.TerminationCode;
import io.etp.protocol.validation.MessageValidator;
import io.etp.protocol.validation.ValidationLimits;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LegacySessionTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T03:00:00Z"), ZoneOffset.UTC);
  private final LegacySession session = new LegacySession("bess-50",
      new MessageValidator(ValidationLimits.DEFAULTS, clock), clock);

  private LegacySession.Inbound read(String text) {
    return session.onRead(text.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void legacyQueryBecomesAnEtpQueryFromTheLegacyAggregatorWithTheEnvelopeFilledIn() {
    EtpMessage m = assertInstanceOf(LegacySession.ToTwin.class,
        read("1 1000 7 0 0.00 0.00 0.00 0.00 0.00 0 0.00 0 0.00 0.00")).message();
    assertEquals(MessageType.QUERY, m.getMessageType());
    assertEquals("legacy-agg-7", m.getSenderId());
    assertEquals("bess-50", m.getRecipientId());
    assertEquals(5, m.getTtl());
    assertEquals(clock.millis(), m.getSentAtMs());
    assertEquals(PeerRole.PEER_ROLE_AGGREGATOR, m.getSenderRole());
  }

  @Test
  void bidWithoutAmountTakesTheOfferedLotAndConfirmTakesTheAcceptedAuction() {
    session.onTwinMessage(EtpMessage.newBuilder().setMessageType(MessageType.QUERY_RESPONSE).setSenderId("bess-50")
        .setEnergyTotalKwh(13.5).setPercentageForSale(48.0).setNegotiationId("").build());
    EtpMessage bid = assertInstanceOf(LegacySession.ToTwin.class,
        read("3 1001 7 0 15.00 0.00 0.00 0.00 0.00 0 0.00 0 0.00 0.00")).message();
    assertEquals(13.5 * 0.48, bid.getRequiredEnergyKwh(), 1e-9);
    byte[] accept = session.onTwinMessage(EtpMessage.newBuilder().setMessageType(MessageType.BID_ACCEPT)
        .setSenderId("bess-50").setDeviceId(50).setNegotiationId("bess-50-a1").setBidPriceCPerKwh(15.0).build())
        .orElseThrow();
    assertEquals("4 0 50 0 15.00 0.00 0.00 0.00 0.00 0 0.00 0 0.00 0.00",
        new String(accept, StandardCharsets.US_ASCII));
    EtpMessage confirm = assertInstanceOf(LegacySession.ToTwin.class,
        read("5 1002 7 0 15.00 0.00 0.00 50.00 0.00 0 0.00 0 0.00 0.00")).message();
    assertEquals("bess-50-a1", confirm.getNegotiationId());
  }

  @Test
  void bidWithNegativeAmountIsRefusedAsNegativeEnergyNotTakenAsTheLot() {
    session.onTwinMessage(EtpMessage.newBuilder().setMessageType(MessageType.QUERY_RESPONSE).setSenderId("bess-50")
        .setEnergyTotalKwh(13.5).setPercentageForSale(48.0).setNegotiationId("").build());
    LegacySession.Refused refused = assertInstanceOf(LegacySession.Refused.class,
        read("3 1001 7 0 15.00 0.00 0.00 0.00 -6.75 0 0.00 0 0.00 0.00"));
    assertEquals(ReasonCode.REASON_CODE_NEGATIVE_ENERGY, refused.reason());
    assertEquals(ReasonCode.REASON_CODE_NEGATIVE_ENERGY, refused.reply().getReasonCode());
    assertEquals(1001, refused.reply().getMessageId());
  }

  @Test
  void bidWithNegativeZeroAmountTakesTheOfferedLotLikeZero() {
    session.onTwinMessage(EtpMessage.newBuilder().setMessageType(MessageType.QUERY_RESPONSE).setSenderId("bess-50")
        .setEnergyTotalKwh(13.5).setPercentageForSale(48.0).setNegotiationId("").build());
    EtpMessage bid = assertInstanceOf(LegacySession.ToTwin.class,
        read("3 1001 7 0 15.00 0.00 0.00 0.00 -0.00 0 0.00 0 0.00 0.00")).message();
    assertEquals(13.5 * 0.48, bid.getRequiredEnergyKwh(), 1e-9);
  }

  @Test
  void twinTerminateIsNotWrittenToTheLegacyPeer() {
    assertTrue(session.onTwinMessage(EtpMessage.newBuilder().setMessageType(MessageType.TERMINATE)
        .setSenderId("bess-50").setTerminationCode(TerminationCode.TERMINATION_CODE_COMPLETED).build()).isEmpty());
  }

  @Test
  void unparseableOrOutOfRangeReadsAreRefusedWithTheirReason() {
    assertEquals(ReasonCode.REASON_CODE_MALFORMED,
        assertInstanceOf(LegacySession.Refused.class, read("not a message")).reason());
    assertEquals(ReasonCode.REASON_CODE_NEGATIVE_PRICE, assertInstanceOf(LegacySession.Refused.class,
        read("3 1003 7 0 -1.00 0.00 0.00 0.00 0.00 0 0.00 0 0.00 0.00")).reason());
    LegacySession.Refused big = assertInstanceOf(LegacySession.Refused.class, read("1".repeat(1100)));
    assertEquals(ReasonCode.REASON_CODE_FRAME_TOO_LARGE, big.reason());
    byte[] reply = session.onTwinMessage(big.reply()).orElseThrow();
    assertTrue(new String(reply, StandardCharsets.US_ASCII).startsWith("7 "));
  }

  @Test
  void eachKindOfBadLegacyLineGetsItsOwnReason() {
    assertEquals(ReasonCode.REASON_CODE_MALFORMED, assertInstanceOf(LegacySession.Refused.class,
        read("1 1000 7 0 0.00 0.00 0.00 0.00 0.00 0 0.00 0 0.00")).reason(), "13 fields");
    assertEquals(ReasonCode.REASON_CODE_MALFORMED, assertInstanceOf(LegacySession.Refused.class,
        read("3 1000 7 0 abc 0.00 0.00 0.00 0.00 0 0.00 0 0.00 0.00")).reason(), "non-numeric price");
    assertEquals(ReasonCode.REASON_CODE_UNKNOWN_TYPE, assertInstanceOf(LegacySession.Refused.class,
        read("12 1000 7 0 0.00 0.00 0.00 0.00 0.00 0 0.00 0 0.00 0.00")).reason(), "type outside 0..9");
    assertEquals(ReasonCode.REASON_CODE_PERCENTAGE_OUT_OF_RANGE, assertInstanceOf(LegacySession.Refused.class,
        read("5 1000 7 0 15.00 0.00 0.00 150.00 0.00 0 0.00 0 0.00 0.00")).reason(), "percentage above 100");
    LegacySession.Refused limited = session.refusal(ReasonCode.REASON_CODE_RATE_LIMITED);
    assertEquals(TerminationCode.TERMINATION_CODE_PROTOCOL_ERROR, limited.reply().getTerminationCode());
  }

  @Test
  void theListenersClosingMessagesAreWrittenAsLegacyTerminates() {
    String idle = new String(session.onTwinMessage(session.closing(TerminationCode.TERMINATION_CODE_TIMEOUT, "idle"))
        .orElseThrow(), StandardCharsets.US_ASCII);
    String[] f = idle.split(" ");
    assertEquals(14, f.length);
    assertEquals("7", f[0]);
    assertEquals(Integer.toString(TerminationCode.TERMINATION_CODE_TIMEOUT_VALUE), f[9]);
  }

  @Test
  void typesTheBatterySideDoesNotActOnAreIgnored() {
    assertEquals(LegacySession.Ignored.INSTANCE, read("9 1004 7 0 0.00 0.00 0.00 0.00 0.00 0 5.00 1 400.00 0.00"));
  }

  @Test
  void aLegacyBidIsForTheNextQuarterHourAndItsConfirmForTheSamePeriodAcrossABoundary() {
    MovingClock moving = new MovingClock(Instant.parse("2026-11-21T12:14:59.800Z"));
    LegacySession s = new LegacySession("bess-50", new MessageValidator(ValidationLimits.DEFAULTS, moving), moving);
    EtpMessage bid = assertInstanceOf(LegacySession.ToTwin.class, s.onRead(
        "3 1001 7 0 15.00 0.00 0.00 0.00 6.75 0 0.00 0 0.00 0.00".getBytes(StandardCharsets.US_ASCII))).message();
    DeliveryPeriod quarter1215 = new DeliveryPeriod(Instant.parse("2026-11-21T12:15:00Z").toEpochMilli(), 15);
    assertEquals(quarter1215, DeliveryPeriod.of(bid).orElseThrow());
    moving.now = Instant.parse("2026-11-21T12:15:00.100Z");
    EtpMessage confirm = assertInstanceOf(LegacySession.ToTwin.class, s.onRead(
        "5 1002 7 0 15.00 0.00 0.00 50.00 0.00 0 0.00 0 0.00 0.00".getBytes(StandardCharsets.US_ASCII))).message();
    assertEquals(quarter1215, DeliveryPeriod.of(confirm).orElseThrow(), "the confirm is for the bid it confirms");
    EtpMessage nextBid = assertInstanceOf(LegacySession.ToTwin.class, s.onRead(
        "3 1003 7 0 15.00 0.00 0.00 0.00 6.75 0 0.00 0 0.00 0.00".getBytes(StandardCharsets.US_ASCII))).message();
    assertEquals(Instant.parse("2026-11-21T12:30:00Z"), DeliveryPeriod.of(nextBid).orElseThrow().start());
  }

  @Test
  void aLegacyQueryCarriesNoPeriodAndAConfirmWithoutABidGetsTheNextPeriod() {
    EtpMessage query = assertInstanceOf(LegacySession.ToTwin.class,
        read("1 1000 7 0 0.00 0.00 0.00 0.00 0.00 0 0.00 0 0.00 0.00")).message();
    assertTrue(DeliveryPeriod.of(query).isEmpty());
    EtpMessage confirm = assertInstanceOf(LegacySession.ToTwin.class,
        read("5 1002 7 0 15.00 0.00 0.00 50.00 0.00 0 0.00 0 0.00 0.00")).message();
    assertEquals(new DeliveryPeriod(Instant.parse("2026-11-21T03:15:00Z").toEpochMilli(), 15),
        DeliveryPeriod.of(confirm).orElseThrow());
  }

  /** A clock the test sets by hand. */
  private static final class MovingClock extends Clock {
    private Instant now;

    MovingClock(Instant start) {
      now = start;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
