package io.etp.legacy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * An aggregator as the Go prototype implements it (PROTOCOL.md), in plain Java sockets: connects to the battery,
 * sends Query and reads the QueryResponse, sends Bid, on BidReject raises by 1..5 c/kWh up to its maximum, on
 * BidAccept sends BidConfirm with the accepted bid and the percentage for sale. One read of up to 1024 bytes per
 * message; no timeouts beyond the socket's.
 */
final class GoLikeAggregator {

  /** What happened: every bid sent, the accepted one (or -1) and the battery's offer. */
  record Outcome(List<Double> bids, double accepted, double energyTotal, double percentageForSale, String rawAccept) {
  }

  private final int deviceId;
  private final double startBid;
  private final double maxBid;
  private final Random random = new Random(7);
  private int messageId = 1000;

  GoLikeAggregator(int deviceId, double startBid, double maxBid) {
    this.deviceId = deviceId;
    this.startBid = startBid;
    this.maxBid = maxBid;
  }

  Outcome trade(String host, int port) throws IOException {
    try (Socket s = new Socket(host, port)) {
      s.setSoTimeout(15_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(format(1, 0.0, 0.0));
      String[] offer = read(in);
      double total = Double.parseDouble(offer[6]);
      double pct = Double.parseDouble(offer[7]);
      List<Double> bids = new ArrayList<>();
      double bid = startBid;
      while (bid <= maxBid) {
        bids.add(bid);
        out.write(format(3, bid, 0.0));
        String[] reply = read(in);
        int type = Integer.parseInt(reply[0]);
        if (type == 4) {
          out.write(format(5, bid, pct));
          return new Outcome(bids, bid, total, pct, String.join(" ", reply));
        }
        bid = bid + 1 + random.nextInt(5);
      }
      return new Outcome(bids, -1, total, pct, "");
    }
  }

  private static String[] read(InputStream in) throws IOException {
    byte[] buf = new byte[1024];
    int n = in.read(buf);
    if (n <= 0) {
      throw new IOException("battery closed the connection");
    }
    return new String(buf, 0, n, StandardCharsets.US_ASCII).split(" ");
  }

  private byte[] format(int type, double bid, double pct) {
    return String.format(Locale.ROOT, "%d %d %d %d %.2f %.2f %.2f %.2f %.2f %d %.2f %d %.2f %.2f", type, messageId++,
        deviceId, 0, bid, 0.0, 0.0, pct, 0.0, 0, 0.0, 0, 0.0, 0.0).getBytes(StandardCharsets.US_ASCII);
  }
}
