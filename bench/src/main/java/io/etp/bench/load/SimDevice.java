package io.etp.bench.load;

import io.etp.protocol.EtpCodec;
import io.etp.protocol.framing.FrameDecoder;
import io.etp.protocol.framing.FrameEncoder;
import io.etp.protocol.signing.DeviceKey;
import io.etp.protocol.signing.MessageSigner;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.Consumer;

/**
 * One simulated device on a real TCP connection: signs and frames what it sends, and hands every received message to
 * a handler on its own reader thread.
 */
final class SimDevice implements AutoCloseable {

  final String id;
  final PeerRole role;
  private final DeviceKey key;
  private final Socket socket;
  private final OutputStream out;
  private final FrameEncoder encoder = new FrameEncoder(FrameDecoder.DEFAULT_MAX_FRAME_BYTES);
  private final java.util.concurrent.atomic.AtomicLong nextMessageId;
  private volatile boolean closed;

  SimDevice(InetSocketAddress gateway, String id, PeerRole role, DeviceKey key, Consumer<EtpMessage> handler)
      throws IOException {
    this.id = id;
    this.role = role;
    this.key = key;
    this.nextMessageId = new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis() << 12);
    this.socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(gateway, 10_000);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
    InputStream in = socket.getInputStream();
    Thread reader = new Thread(() -> read(in, handler), "sim-" + id);
    reader.setDaemon(true);
    reader.start();
  }

  private void read(InputStream in, Consumer<EtpMessage> handler) {
    FrameDecoder decoder = new FrameDecoder(FrameDecoder.DEFAULT_MAX_FRAME_BYTES);
    byte[] buf = new byte[16384];
    try {
      int n;
      while ((n = in.read(buf)) > 0) {
        decoder.feed(buf, 0, n, payload -> handler.accept(EtpCodec.decode(payload)));
      }
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        System.err.println(id + ": connection ended: " + e.getMessage());
      }
    }
  }

  /** A new envelope from this device; safe from several threads (ids must never repeat: the gateway refuses replays). */
  EtpMessage.Builder envelope(String recipientId, MessageType type, String negotiationId) {
    return EtpMessage.newBuilder()
        .setProtocolVersion(1)
        .setMessageType(type)
        .setMessageId(nextMessageId.getAndIncrement())
        .setSenderId(id)
        .setSenderRole(role)
        .setRecipientId(recipientId)
        .setNegotiationId(negotiationId)
        .setSentAtMs(System.currentTimeMillis())
        .setTtl(5);
  }

  /** Signs, frames and writes; {@link #flush()} pushes the buffered bytes. */
  synchronized void send(EtpMessage m) throws IOException {
    out.write(encoder.frame(MessageSigner.sign(m, key)));
  }

  synchronized void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    socket.close();
  }
}
