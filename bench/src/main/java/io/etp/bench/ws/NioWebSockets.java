package io.etp.bench.ws;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Many receive-only WebSocket client connections (RFC 6455) on one selector thread, for the load client.
 *
 * <p>Why our own: {@code java.net.http}'s WebSocket hands every message through its scheduler and the caller's
 * executor, and with 1,000 connections on the node's own 2 cores the client's share of the CPU during a burst adds
 * to the latency it measures. A load client only needs the handshake, reading (unmasked) server frames, answering
 * pings and closing; each connection here costs a buffer and a few bytes of state, and a burst is read with one
 * system call per socket on one thread. It is not a general client: no extensions, no sending of data frames, and
 * the server's handshake answer is checked for status 101 only.
 */
final class NioWebSockets implements AutoCloseable {

  private static final int MAX_MESSAGE = 16 * 1024 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Selector selector;
  private final Thread loop;
  private final Queue<Conn> toRegister = new ConcurrentLinkedQueue<>();
  private final BiConsumer<String, Instant> onText;
  private final Consumer<String> onClosed;
  private volatile boolean running = true;

  NioWebSockets(BiConsumer<String, Instant> onText, Consumer<String> onClosed) throws IOException {
    this.selector = Selector.open();
    this.onText = onText;
    this.onClosed = onClosed;
    this.loop = new Thread(this::run, "ws-load-nio");
    loop.setDaemon(true);
    loop.start();
  }

  /** Opens a connection; the future completes when the server answered the handshake with 101. */
  CompletableFuture<Void> connect(URI uri, String apiKey) {
    CompletableFuture<Void> opened = new CompletableFuture<>();
    try {
      SocketChannel channel = SocketChannel.open();
      channel.configureBlocking(false);
      channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
      int port = uri.getPort() > 0 ? uri.getPort() : 80;
      channel.connect(new InetSocketAddress(uri.getHost(), port));
      String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
          + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      byte[] nonce = new byte[16];
      RANDOM.nextBytes(nonce);
      String request = "GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + port
          + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
          + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n"
          + (apiKey == null || apiKey.isBlank() ? "" : "Authorization: Bearer " + apiKey + "\r\n") + "\r\n";
      toRegister.add(new Conn(channel, ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)), opened));
      selector.wakeup();
    } catch (IOException e) {
      opened.completeExceptionally(e);
    }
    return opened;
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
    try {
      loop.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (SelectionKey key : selector.keys()) {
      ((Conn) key.attachment()).sendClose();
      closeQuietly(key);
    }
    try {
      selector.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private void run() {
    while (running) {
      try {
        selector.select(100);
        Conn pending;
        while ((pending = toRegister.poll()) != null) {
          pending.channel.register(selector, SelectionKey.OP_CONNECT, pending);
        }
        for (SelectionKey key : selector.selectedKeys()) {
          Conn conn = (Conn) key.attachment();
          try {
            if (key.isConnectable()) {
              conn.channel.finishConnect();
              key.interestOps(SelectionKey.OP_WRITE);
            } else if (key.isWritable()) {
              conn.flush(key);
            } else if (key.isReadable()) {
              conn.read(key);
            }
          } catch (IOException | RuntimeException e) {
            conn.fail(e);
            closeQuietly(key);
          }
        }
        selector.selectedKeys().clear();
      } catch (IOException e) {
        throw new IllegalStateException("selector failed", e);
      }
    }
  }

  /** A final control frame with {@code payload} (under 126 bytes), masked as a client must. */
  private static ByteBuffer maskedFrame(int opcode, byte[] payload) {
    byte[] mask = new byte[4];
    RANDOM.nextBytes(mask);
    ByteBuffer frame = ByteBuffer.allocate(6 + payload.length);
    frame.put((byte) (0x80 | opcode)).put((byte) (0x80 | payload.length)).put(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.put((byte) (payload[i] ^ mask[i % 4]));
    }
    return frame.flip();
  }

  private static void closeQuietly(SelectionKey key) {
    key.cancel();
    try {
      key.channel().close();
    } catch (IOException ignored) {
      // already gone
    }
  }

  /** One connection: the handshake, then frames. */
  private final class Conn {
    private final SocketChannel channel;
    private final CompletableFuture<Void> opened;
    private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    private ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    private boolean upgraded;
    private final java.io.ByteArrayOutputStream fragments = new java.io.ByteArrayOutputStream();

    Conn(SocketChannel channel, ByteBuffer request, CompletableFuture<Void> opened) {
      this.channel = channel;
      this.opened = opened;
      out.add(request);
    }

    void flush(SelectionKey key) throws IOException {
      while (!out.isEmpty()) {
        channel.write(out.peek());
        if (out.peek().hasRemaining()) {
          return;
        }
        out.poll();
      }
      key.interestOps(SelectionKey.OP_READ);
    }

    /** Reads what the socket holds; its messages are stamped with the time this read returned. */
    void read(SelectionKey key) throws IOException {
      if (!in.hasRemaining()) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.min(MAX_MESSAGE + 16, in.capacity() * 2));
        in.flip();
        bigger.put(in);
        in = bigger;
      }
      int n = channel.read(in);
      Instant now = Instant.now();
      if (n < 0) {
        throw new IOException("closed by the server");
      }
      in.flip();
      if (!upgraded && !handshake()) {
        in.compact();
        return;
      }
      while (frame(key, now)) {
        // every whole frame in the buffer
      }
      in.compact();
    }

    /** Reads the server's handshake answer if it is all there. */
    private boolean handshake() throws IOException {
      byte[] seen = new byte[in.remaining()];
      in.get(in.position(), seen);
      String text = new String(seen, StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      if (end < 0) {
        return false;
      }
      if (!text.startsWith("HTTP/1.1 101")) {
        throw new IOException("handshake refused: " + text.substring(0, text.indexOf('\r')));
      }
      in.position(in.position() + end + 4);
      upgraded = true;
      opened.complete(null);
      return true;
    }

    /** Handles one whole frame at the buffer's position; false when the rest has not arrived yet. */
    private boolean frame(SelectionKey key, Instant now) throws IOException {
      int start = in.position();
      if (in.remaining() < 2) {
        return false;
      }
      int b0 = in.get(start) & 0xff;
      int b1 = in.get(start + 1) & 0xff;
      long length = b1 & 0x7f;
      int header = 2;
      if (length == 126) {
        if (in.remaining() < 4) {
          return false;
        }
        length = in.getShort(start + 2) & 0xffff;
        header = 4;
      } else if (length == 127) {
        if (in.remaining() < 10) {
          return false;
        }
        length = in.getLong(start + 2);
        header = 10;
      }
      if ((b1 & 0x80) != 0 || length > MAX_MESSAGE) {
        throw new IOException("unexpected frame from the server: masked or " + length + " bytes");
      }
      if (in.remaining() < header + length) {
        return false;
      }
      byte[] payload = new byte[(int) length];
      in.get(start + header, payload);
      in.position(start + header + (int) length);
      int opcode = b0 & 0x0f;
      boolean fin = (b0 & 0x80) != 0;
      switch (opcode) {
        case 0x1, 0x0 -> {
          if (fin && fragments.size() == 0) {
            onText.accept(new String(payload, StandardCharsets.UTF_8), now);
          } else {
            fragments.write(payload);
            if (fin) {
              onText.accept(fragments.toString(StandardCharsets.UTF_8), now);
              fragments.reset();
            }
          }
        }
        case 0x9 -> send(key, 0xA, payload); // ping: pong with the same payload
        case 0x8 -> {
          onClosed.accept("closed " + (payload.length >= 2 ? ((payload[0] & 0xff) << 8 | (payload[1] & 0xff)) : 1005));
          closeQuietly(key);
          return false;
        }
        default -> { } // binary or pong: nothing to do for a receive-only client
      }
      return true;
    }

    /** A masked control frame from the client (RFC 6455 requires clients to mask). */
    private void send(SelectionKey key, int opcode, byte[] payload) throws IOException {
      out.add(maskedFrame(opcode, payload));
      flush(key);
      if (!out.isEmpty()) {
        key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
      }
    }

    void sendClose() {
      try {
        channel.write(maskedFrame(0x8, new byte[] {(byte) 0x03, (byte) 0xe8})); // 1000 normal closure
      } catch (IOException ignored) {
        // closing anyway
      }
    }

    void fail(Exception e) {
      if (!opened.isDone()) {
        opened.completeExceptionally(e);
      } else {
        onClosed.accept(e.getClass().getSimpleName());
      }
    }
  }
}
