package io.etp.edge;

import io.etp.auction.Envelopes;
import io.etp.protocol.EtpCodec;
import io.etp.protocol.framing.FrameDecoder;
import io.etp.protocol.framing.FrameEncoder;
import io.etp.protocol.signing.DeviceKey;
import io.etp.protocol.signing.MessageSigner;
import io.etp.protocol.signing.SignatureVerifier;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLSocketFactory;

/**
 * A device on the wire for tests: a plain (or TLS) socket speaking length-framed protobuf ETP, signing what it sends
 * with its key, and collecting every frame it receives on a reader thread after verifying it with the node key
 * (frames that fail land in {@code unverified}, and {@link #await} then fails).
 */
final class TestDevice implements AutoCloseable {

  final String id;
  final PeerRole role;
  final DeviceKey key;
  final Envelopes envelopes;
  private final Socket socket;
  private final OutputStream out;
  private final FrameEncoder encoder = new FrameEncoder(FrameDecoder.MAX_FRAME_LIMIT);
  final BlockingQueue<EtpMessage> received = new LinkedBlockingQueue<>();
  volatile boolean closedByPeer;
  private final Thread reader;

  /** frames that did not verify with the node key */
  final BlockingQueue<EtpMessage> unverified = new LinkedBlockingQueue<>();
  private final SignatureVerifier nodeFrames;

  TestDevice(InetSocketAddress gateway, String id, PeerRole role, DeviceKey key, NodeKey nodeKey,
      SSLSocketFactory tls) throws IOException {
    this.nodeFrames = new SignatureVerifier(nodeKey.verifier());
    this.id = id;
    this.role = role;
    this.key = key;
    this.envelopes = new Envelopes(id, role, Clock.systemUTC());
    this.socket = tls == null ? new Socket() : tls.createSocket();
    socket.connect(gateway, 5000);
    socket.setTcpNoDelay(true);
    this.out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    this.reader = new Thread(() -> read(in), "test-device-" + id);
    reader.setDaemon(true);
    reader.start();
  }

  private void read(InputStream in) {
    FrameDecoder decoder = new FrameDecoder(FrameDecoder.MAX_FRAME_LIMIT);
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = in.read(buf)) > 0) {
        decoder.feed(buf, 0, n, payload -> {
          EtpMessage m = EtpCodec.decode(payload);
          // a device holding the node key verifies every frame from the gateway
          (nodeFrames.verify(m, Instant.now()).isValid() ? received : unverified).add(m);
        });
      }
    } catch (IOException e) {
      // socket closed
    }
    closedByPeer = true;
  }

  /** The hello: a battery's Register, or an aggregator's Register with 0 kWh. */
  EtpMessage hello() {
    EtpMessage.Builder b = envelopes.to(id, MessageType.REGISTER, "").setSenderRole(role);
    if (role == PeerRole.PEER_ROLE_BATTERY) {
      b.setEnergyTotalKwh(13.5).setRemainingEnergyKwh(13.5).setPercentageForSale(50.0).setBatteryVoltageV(400)
          .setDischargeRateKw(0);
    } else {
      b.setEnergyTotalKwh(0);
    }
    return b.build();
  }

  EtpMessage signed(EtpMessage m) {
    return MessageSigner.sign(m, key);
  }

  void sendSigned(EtpMessage m) throws IOException {
    sendRaw(encoder.frame(signed(m)));
  }

  synchronized void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Waits for the first received message matching {@code p}, discarding the others before it. */
  EtpMessage await(Predicate<EtpMessage> p, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      EtpMessage m = received.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (!unverified.isEmpty()) {
        throw new AssertionError(id + ": frames not signed with the node key: " + unverified);
      }
      if (m == null) {
        throw new AssertionError(id + ": no matching message within " + timeout);
      }
      if (p.test(m)) {
        return m;
      }
    }
  }

  EtpMessage awaitType(MessageType type, Duration timeout) throws InterruptedException {
    return await(m -> m.getMessageType() == type, timeout);
  }

  /** Waits until the gateway has closed the connection. */
  boolean awaitClosed(Duration timeout) throws InterruptedException {
    reader.join(timeout.toMillis());
    return closedByPeer;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
