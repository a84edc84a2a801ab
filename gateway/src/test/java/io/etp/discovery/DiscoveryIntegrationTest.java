package io.etp.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.edge.EdgeMetrics;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Discovery on loopback, real UDP sockets: a device finds the gateway's TCP endpoint by multicast where the sandbox
 * routes it, else by the broadcast or unicast fallback. The path taken is printed, never skipped.
 */
class DiscoveryIntegrationTest {

  private static final DiscoveryPacket.Answer GATEWAY = new DiscoveryPacket.Answer("gateway-test", "127.0.0.1", 7400,
      false);

  @Test
  void deviceFindsTheGatewayEndpointOnLoopback() throws Exception {
    EdgeMetrics metrics = new EdgeMetrics();
    InetAddress group = InetAddress.getByName("239.255.42.99");
    Optional<NetworkInterface> lo = Optional.ofNullable(NetworkInterface.getByInetAddress(
        InetAddress.getLoopbackAddress()));
    try (DiscoveryResponder responder = DiscoveryResponder.start(
        new DiscoveryResponder.Settings(group, 0, lo.map(NetworkInterface::getName), GATEWAY), metrics)) {
      DiscoveryClient client = new DiscoveryClient(group, responder.port(), lo,
          List.of(InetAddress.getLoopbackAddress()), Duration.ofMillis(500));
      DiscoveryClient.Found found = client.discover(new DiscoveryPacket.Request("bess-7", "battery")).orElseThrow();
      System.out.println("discovery answered via " + found.path() + " (group joined: " + responder.joinedGroup()
          + ")");
      assertEquals(GATEWAY, found.answer());
      // the responder counts an answer after its send returns, so the device may hear it first
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (metrics.count(EdgeMetrics.Counter.DISCOVERY_ANSWERS) < 1 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertTrue(metrics.count(EdgeMetrics.Counter.DISCOVERY_ANSWERS) >= 1, "the responder counted its answer");
    }
  }

  @Test
  void unicastFallbackFindsTheGatewayWhenMulticastAndBroadcastGetNoAnswer() throws Exception {
    EdgeMetrics metrics = new EdgeMetrics();
    // the device asks a group the responder did not join: broadcast or the unicast fallback must reach it
    try (DiscoveryResponder responder = DiscoveryResponder.start(new DiscoveryResponder.Settings(
        InetAddress.getByName("239.255.42.98"), 0, Optional.of("no-such-interface"), GATEWAY), metrics)) {
      DiscoveryClient client = new DiscoveryClient(InetAddress.getByName("239.255.42.97"), responder.port(),
          Optional.empty(), List.of(InetAddress.getLoopbackAddress()), Duration.ofMillis(300));
      DiscoveryClient.Found found = client.discover(new DiscoveryPacket.Request("agg-1", "aggregator"))
          .orElseThrow();
      assertEquals(GATEWAY, found.answer());
      assertTrue(found.path() == DiscoveryClient.Path.UNICAST || found.path() == DiscoveryClient.Path.BROADCAST,
          "path " + found.path());
    }
  }

  @Test
  void noGatewayMeansNoAnswer() throws Exception {
    DiscoveryClient client = new DiscoveryClient(InetAddress.getByName("239.255.42.96"), freeUdpPort(),
        Optional.empty(), List.of(InetAddress.getLoopbackAddress()), Duration.ofMillis(200));
    assertTrue(client.discover(new DiscoveryPacket.Request("bess-1", "battery")).isEmpty());
  }

  private static int freeUdpPort() throws Exception {
    try (java.net.DatagramSocket s = new java.net.DatagramSocket(0)) {
      return s.getLocalPort();
    }
  }
}
