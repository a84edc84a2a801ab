package io.etp.discovery;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A device's side of LAN discovery: asks by multicast to the group, then (no answer within the timeout) by
 * broadcast, then by unicast to each configured fallback address, and returns the first gateway answer.
 */
public final class DiscoveryClient {

  /** How the answer was obtained. */
  public enum Path {
    MULTICAST, BROADCAST, UNICAST
  }

  /**
   * @param answer the gateway's endpoint
   * @param path which attempt it answered
   */
  public record Found(DiscoveryPacket.Answer answer, Path path) {
  }

  private final InetAddress group;
  private final int port;
  private final Optional<NetworkInterface> multicastInterface;
  private final List<InetAddress> unicastFallbacks;
  private final Duration timeout;

  /**
   * @param group the multicast group
   * @param port the discovery port
   * @param multicastInterface the interface to send multicast on (empty: the default route)
   * @param unicastFallbacks addresses asked directly when multicast and broadcast get no answer
   * @param timeout how long to wait for an answer per attempt
   */
  public DiscoveryClient(InetAddress group, int port, Optional<NetworkInterface> multicastInterface,
      List<InetAddress> unicastFallbacks, Duration timeout) {
    this.group = group;
    this.port = port;
    this.multicastInterface = multicastInterface;
    this.unicastFallbacks = List.copyOf(unicastFallbacks);
    this.timeout = timeout;
  }

  /**
   * @param request what to ask
   * @return the first answer, or empty when no attempt got one
   * @throws IOException when no UDP socket can be opened
   */
  public Optional<Found> discover(DiscoveryPacket.Request request) throws IOException {
    byte[] ask = request.toBytes();
    try (MulticastSocket socket = new MulticastSocket(0)) {
      socket.setSoTimeout((int) timeout.toMillis());
      socket.setBroadcast(true);
      socket.setTimeToLive(1);
      if (multicastInterface.isPresent()) {
        socket.setNetworkInterface(multicastInterface.get());
      }
      List<Attempt> attempts = new ArrayList<>();
      attempts.add(new Attempt(group, Path.MULTICAST));
      attempts.add(new Attempt(InetAddress.getByName("255.255.255.255"), Path.BROADCAST));
      unicastFallbacks.forEach(a -> attempts.add(new Attempt(a, Path.UNICAST)));
      for (Attempt attempt : attempts) {
        try {
          socket.send(new DatagramPacket(ask, ask.length, new InetSocketAddress(attempt.to(), port)));
        } catch (IOException unreachable) {
          continue; // e.g. no multicast or broadcast route in this network: try the next way
        }
        Optional<DiscoveryPacket.Answer> answer = awaitAnswer(socket);
        if (answer.isPresent()) {
          return Optional.of(new Found(answer.get(), attempt.path()));
        }
      }
      return Optional.empty();
    }
  }

  private static Optional<DiscoveryPacket.Answer> awaitAnswer(MulticastSocket socket) throws IOException {
    byte[] buf = new byte[DiscoveryPacket.MAX_BYTES + 1];
    while (true) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (SocketTimeoutException e) {
        return Optional.empty();
      }
      Optional<DiscoveryPacket.Answer> a = DiscoveryPacket.parseAnswer(p.getData(), p.getLength());
      if (a.isPresent()) {
        return a;
      }
    }
  }

  private record Attempt(InetAddress to, Path path) {
  }
}
