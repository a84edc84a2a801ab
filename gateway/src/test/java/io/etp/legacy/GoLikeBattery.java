package io.etp.legacy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A battery as the Go prototype implements it (PROTOCOL.md), in plain Java sockets and written from the protocol
 * text, not from our codec: listens, reads each message with one read of up to 1024 bytes, answers Query with its
 * QueryResponse, a Bid below the reserve with BidReject (6) and otherwise with BidAccept (4) echoing the bid, and on
 * BidConfirm takes the confirmed percentage off what it still has for sale.
 */
final class GoLikeBattery implements AutoCloseable {

  /** A BidConfirm it received: the accepted bid and the percentage. */
  record Confirm(double bidPrice, double percentage) {
  }

  final int deviceId;
  final double energyTotal;
  volatile double reserve;
  volatile double percentageForSale;
  final List<Confirm> confirms = new CopyOnWriteArrayList<>();
  final List<String> received = new CopyOnWriteArrayList<>();
  private final ServerSocket server;
  private int messageId = 34464;

  GoLikeBattery(int deviceId, double energyTotal, double percentageForSale, double reserve) throws IOException {
    this(deviceId, energyTotal, percentageForSale, reserve, 0);
  }

  /** As a device that comes back on {@code port} (0: any free port). */
  GoLikeBattery(int deviceId, double energyTotal, double percentageForSale, double reserve, int port)
      throws IOException {
    this.deviceId = deviceId;
    this.energyTotal = energyTotal;
    this.percentageForSale = percentageForSale;
    this.reserve = reserve;
    this.server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    Thread t = new Thread(this::acceptLoop, "go-like-battery");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        serve(s.getInputStream(), s.getOutputStream());
      } catch (IOException e) {
        // connection ended
      }
    }
  }

  private void serve(InputStream in, OutputStream out) throws IOException {
    byte[] buf = new byte[1024];
    int n;
    while ((n = in.read(buf)) > 0) {
      String msg = new String(buf, 0, n, StandardCharsets.US_ASCII);
      received.add(msg);
      String[] f = msg.split(" ");
      int type = Integer.parseInt(f[0]);
      double bidPrice = Double.parseDouble(f[4]);
      if (type == 1) {
        out.write(format(2, 0.0, energyTotal, percentageForSale));
      } else if (type == 3) {
        out.write(format(bidPrice < reserve ? 6 : 4, bidPrice, energyTotal, percentageForSale));
      } else if (type == 5) {
        double pct = Double.parseDouble(f[7]);
        confirms.add(new Confirm(bidPrice, pct));
        percentageForSale = Math.max(0, percentageForSale - pct);
      }
      out.flush();
    }
  }

  private byte[] format(int type, double bid, double total, double pct) {
    return String.format(Locale.ROOT, "%d %d %d %d %.2f %.2f %.2f %.2f %.2f %d %.2f %d %.2f %.2f", type, messageId++,
        deviceId, 0, bid, 0.0, total, pct, 0.0, 0, 0.0, 0, 0.0, 0.0).getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
