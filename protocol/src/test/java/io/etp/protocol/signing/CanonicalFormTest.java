package io.etp.protocol.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.ByteString;
import io.etp.protocol.v1.AuctionMechanism;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CanonicalFormTest {

  private static EtpMessage smallBid() {
    return EtpMessage.newBuilder()
        .setProtocolVersion(1)
        .setMessageType(MessageType.BID)
        .setMessageId(7)
        .setDeviceId(50)
        .setSenderId("50")
        .setSentAtMs(1000)
        .setTtl(5)
        .setBidPriceCPerKwh(14.5)
        .build();
  }

  @Test
  void writesTheDocumentedLayoutByteForByte() {
    String expected = String.join("",
        "4554504301",             // "ETPC", layout 1
        "010100000001",           // 1 protocol_version = 1
        "020100000003",           // 2 message_type = BID (3), present
        "03010000000000000007",   // 3 message_id = 7
        "04010000000000000032",   // 4 device_id = 50
        "0501000000023530",       // 5 sender_id = "50"
        "060100000000",           // 6 recipient_id = ""
        "070100000000",           // 7 negotiation_id = ""
        "080100000000000003e8",   // 8 sent_at_ms = 1000
        "090100000005",           // 9 ttl = 5
        "0a0100000000",           // 10 priority = 0
        "0b0100000000",           // 11 key_id = ""
        "0d0100000000",           // 13 sender_role = UNSPECIFIED
        "1401402d000000000000",   // 20 bid_price_c_per_kwh = 14.5
        "1500", "1600", "1700", "1800", "1900", "1a00", "1b00", "1c00", "1d00", "1e00", "1f00", "2000", // 21..32 absent
        "210100000000");          // 33 detail = ""
    assertEquals(expected, HexFormat.of().formatHex(CanonicalForm.of(smallBid())));
  }

  @Test
  void appendsTheAuctionMechanismOnlyWhenPresent() {
    EtpMessage sealed = smallBid().toBuilder()
        .setAuctionMechanism(AuctionMechanism.AUCTION_MECHANISM_SEALED_SECOND_PRICE).build();
    String without = HexFormat.of().formatHex(CanonicalForm.of(smallBid()));
    assertEquals(without + "220100000002", HexFormat.of().formatHex(CanonicalForm.of(sealed)));
  }

  @Test
  void appendsTheDeliveryPeriodOnlyWhenPresentAfterTheAuctionMechanism() {
    String without = HexFormat.of().formatHex(CanonicalForm.of(smallBid()));
    EtpMessage period = smallBid().toBuilder().setDeliveryStartMs(1_795_230_900_000L).setDeliveryPeriodMinutes(15)
        .build();
    // 35 delivery_start_ms = 0x000001a1fc199f20 (2026-11-21T03:15:00Z), 36 delivery_period_minutes = 15
    assertEquals(without + "2301000001a1fc199f20" + "24010000000f", HexFormat.of().formatHex(CanonicalForm.of(period)));
    EtpMessage both = period.toBuilder().setAuctionMechanism(AuctionMechanism.AUCTION_MECHANISM_ASCENDING).build();
    assertEquals(without + "220100000001" + "2301000001a1fc199f20" + "24010000000f",
        HexFormat.of().formatHex(CanonicalForm.of(both)));
    EtpMessage lengthOnly = smallBid().toBuilder().setDeliveryPeriodMinutes(60).build();
    assertEquals(without + "24010000003c", HexFormat.of().formatHex(CanonicalForm.of(lengthOnly)));
  }

  @Test
  void ignoresTheTagItself() {
    EtpMessage tagged = smallBid().toBuilder().setHmacSha256(ByteString.copyFrom(new byte[32])).build();
    assertArrayEquals(CanonicalForm.of(smallBid()), CanonicalForm.of(tagged));
  }

  @Test
  void tellsAbsentFromZero() {
    EtpMessage zeroSale = smallBid().toBuilder().setSalePriceCPerKwh(0).build();
    assertFalse(Arrays.equals(CanonicalForm.of(smallBid()), CanonicalForm.of(zeroSale)));
  }

  @Test
  void tellsRegisterFromAbsentType() {
    EtpMessage register = smallBid().toBuilder().setMessageType(MessageType.REGISTER).build();
    EtpMessage untyped = smallBid().toBuilder().clearMessageType().build();
    assertFalse(Arrays.equals(CanonicalForm.of(register), CanonicalForm.of(untyped)));
  }

  @Test
  void keepsStringBoundariesApart() {
    EtpMessage a = smallBid().toBuilder().setRecipientId("ab").setNegotiationId("c").build();
    EtpMessage b = smallBid().toBuilder().setRecipientId("a").setNegotiationId("bc").build();
    assertFalse(Arrays.equals(CanonicalForm.of(a), CanonicalForm.of(b)));
  }

  @Test
  void encodesStringsAsUtf8() {
    EtpMessage accented = smallBid().toBuilder().setDetail("\u00e9").build();
    byte[] canonical = CanonicalForm.of(accented);
    assertEquals("2101" + "00000002" + "c3a9",
        HexFormat.of().formatHex(Arrays.copyOfRange(canonical, canonical.length - 8, canonical.length)));
  }
}
