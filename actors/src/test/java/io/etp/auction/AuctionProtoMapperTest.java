package io.etp.auction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.InvalidProtocolBufferException;
import io.etp.protocol.v1.AuctionMechanism;
import io.etp.protocol.v1.EtpMessage;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuctionProtoMapperTest {

  @ParameterizedTest
  @EnumSource(Mechanism.class)
  void everyMechanismRoundTripsThroughTheWireField(Mechanism mechanism) throws InvalidProtocolBufferException {
    EtpMessage sent = EtpMessage.newBuilder().setAuctionMechanism(AuctionProtoMapper.toWire(mechanism)).build();
    EtpMessage received = EtpMessage.parseFrom(sent.toByteArray());
    assertEquals(Optional.of(mechanism), AuctionProtoMapper.fromWire(received.getAuctionMechanism()));
  }

  @ParameterizedTest
  @EnumSource(Mechanism.class)
  void everyMechanismRoundTripsThroughTheClusterEnum(Mechanism mechanism) {
    assertEquals(mechanism, AuctionProtoMapper.fromProto(AuctionProtoMapper.toProto(mechanism)));
  }

  @Test
  void wireAndClusterEnumsNumberTheMechanismsAlike() {
    for (Mechanism m : Mechanism.values()) {
      assertEquals(AuctionProtoMapper.toProto(m).getNumber(), AuctionProtoMapper.toWire(m).getNumber());
    }
  }

  @Test
  void unspecifiedOrUnknownWireMechanismNamesNone() throws InvalidProtocolBufferException {
    assertEquals(Optional.empty(), AuctionProtoMapper.fromWire(AuctionMechanism.AUCTION_MECHANISM_UNSPECIFIED));
    // field 34 with number 9, which this version does not know: varint tag (34 << 3) = 0x110 -> 0x90 0x02
    EtpMessage fromNewer = EtpMessage.parseFrom(new byte[] {(byte) 0x90, 0x02, 0x09});
    assertEquals(Optional.empty(), AuctionProtoMapper.fromWire(fromNewer.getAuctionMechanism()));
  }
}
