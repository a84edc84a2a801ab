package io.etp.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DiscoveryPacketTest {

  @Test
  void requestAndAnswerRoundTripInTheDocumentedTextLayout() {
    DiscoveryPacket.Request req = new DiscoveryPacket.Request("bess-7", "battery");
    assertEquals("ETP-DISCOVER 1 bess-7 battery", new String(req.toBytes(), StandardCharsets.US_ASCII));
    assertEquals(req, DiscoveryPacket.parseRequest(req.toBytes(), req.toBytes().length).orElseThrow());

    DiscoveryPacket.Answer ans = new DiscoveryPacket.Answer("gateway-1", "10.0.0.5", 7400, true);
    assertEquals("ETP-GATEWAY 1 gateway-1 10.0.0.5 7400 tls", new String(ans.toBytes(), StandardCharsets.US_ASCII));
    assertEquals(ans, DiscoveryPacket.parseAnswer(ans.toBytes(), ans.toBytes().length).orElseThrow());
  }

  @Test
  void ignoresAnythingThatIsNotAWellFormedPacket() {
    for (String s : new String[] {"", "ETP-DISCOVER 1 bess-7", "ETP-DISCOVER 2 bess-7 battery",
        "ETP-DISCOVER 1 bess-7 toaster", "ETP-GATEWAY 1 g h 70000 tls", "ETP-GATEWAY 1 g h 7400 ssl",
        "ETP-GATEWAY 1 g h x tls", "ETP-DISCOVER 1  battery"}) {
      byte[] b = s.getBytes(StandardCharsets.US_ASCII);
      assertTrue(DiscoveryPacket.parseRequest(b, b.length).isEmpty(), s);
      assertTrue(DiscoveryPacket.parseAnswer(b, b.length).isEmpty(), s);
    }
    byte[] binary = {(byte) 0xFF, 0x00, 0x41};
    assertTrue(DiscoveryPacket.parseRequest(binary, binary.length).isEmpty());
    byte[] tooLong = new byte[DiscoveryPacket.MAX_BYTES + 1];
    java.util.Arrays.fill(tooLong, (byte) 'a');
    assertTrue(DiscoveryPacket.parseRequest(tooLong, tooLong.length).isEmpty());
  }
}
