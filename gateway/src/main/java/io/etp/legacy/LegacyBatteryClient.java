package io.etp.legacy;

import io.etp.aggregator.BidContext;
import io.etp.aggregator.BiddingStrategy;
import io.etp.auction.Mechanism;
import io.etp.protocol.legacy.LegacyMessage;
import io.etp.protocol.legacy.LegacyTextCodec;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.RejectReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Lets one of our aggregators buy from a legacy battery at {@code host:port} in the Go prototype's text protocol:
 * Query, then Bid priced by the aggregator's {@link BiddingStrategy}, raised on each BidReject as the strategy says
 * but never above the aggregator's maximum, and BidConfirm on BidAccept (carrying the accepted bid and the
 * percentage for sale). Blocking, one negotiation per call; run it off the actor threads.
 */
public final class LegacyBatteryClient {

  /**
   * What the aggregator brings to a negotiation.
   *
   * @param aggregatorNumericId the legacy device id it sends as
   * @param strategy how it prices and raises
   * @param maxPriceCPerKwh its ceiling, c/kWh
   * @param expectedPriceCPerKwh the price signal now, c/kWh (for value-based strategies)
   */
  public record Buyer(long aggregatorNumericId, BiddingStrategy strategy, double maxPriceCPerKwh,
      double expectedPriceCPerKwh) {
    /** Checks the components. */
    public Buyer {
      Objects.requireNonNull(strategy, "strategy");
    }
  }

  /** How a negotiation ended. */
  public sealed interface Result permits Traded, NotTraded {
  }

  /**
   * @param priceCPerKwh the accepted bid, c/kWh
   * @param energyKwh the energy bought (the battery's lot), kWh
   * @param bids bids sent, the accepted one included
   */
  public record Traded(double priceCPerKwh, double energyKwh, int bids) implements Result {
  }

  /**
   * @param lastBidCPerKwh the last bid sent (0 if none)
   * @param why why it stopped
   */
  public record NotTraded(double lastBidCPerKwh, String why) implements Result {
  }

  private final InetSocketAddress battery;
  private final Duration timeout;
  private long nextMessageId = System.currentTimeMillis() & 0xFFFF;

  /**
   * @param battery the legacy battery's address
   * @param timeout connect and read timeout
   */
  public LegacyBatteryClient(InetSocketAddress battery, Duration timeout) {
    this.battery = Objects.requireNonNull(battery, "battery");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * Runs one negotiation.
   *
   * @param buyer the aggregator's side
   * @return the outcome
   * @throws IOException when the connection fails or the battery answers something unreadable
   */
  public Result negotiate(Buyer buyer) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(battery, (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      long id = buyer.aggregatorNumericId();

      write(out, message(MessageType.QUERY_VALUE, id, 0, 0));
      LegacyMessage offer = read(in);
      if (offer.messageType() != MessageType.QUERY_RESPONSE_VALUE) {
        return new NotTraded(0, "expected QueryResponse, got type " + offer.messageType());
      }
      double lot = offer.energyTotal() * offer.percentageForSale() / 100.0;
      if (!(lot > 0)) {
        return new NotTraded(0, "nothing for sale");
      }
      BidContext ctx = new BidContext(buyer.maxPriceCPerKwh(), 0, 0, Mechanism.ASCENDING,
          buyer.expectedPriceCPerKwh(), 0.5, 0);
      OptionalDouble price = buyer.strategy().openingBid(ctx);
      int bids = 0;
      while (price.isPresent() && price.getAsDouble() <= buyer.maxPriceCPerKwh() + 1e-9) {
        double bid = price.getAsDouble();
        bids++;
        write(out, message(MessageType.BID_VALUE, id, bid, 0));
        LegacyMessage reply = read(in);
        if (reply.messageType() == MessageType.BID_ACCEPT_VALUE) {
          write(out, message(MessageType.BID_CONFIRM_VALUE, id, bid, offer.percentageForSale()));
          return new Traded(bid, lot, bids);
        }
        if (reply.messageType() != MessageType.BID_REJECT_VALUE) {
          return new NotTraded(bid, "expected BidAccept or BidReject, got type " + reply.messageType());
        }
        price = buyer.strategy().nextBid(ctx, bid, RejectReason.REJECT_REASON_BELOW_RESERVE);
      }
      return new NotTraded(0, "the strategy reached the maximum price " + buyer.maxPriceCPerKwh());
    }
  }

  /**
   * What a legacy battery offers (its QueryResponse).
   *
   * @param energyTotalKwh its energy total, kWh
   * @param percentageForSale the share of it for sale, 0-100
   */
  public record Offer(double energyTotalKwh, double percentageForSale) {
    /** @return the lot it sells, kWh */
    public double lotKwh() {
      return energyTotalKwh * percentageForSale / 100.0;
    }
  }

  /**
   * Asks the battery what it offers: one connection, Query, QueryResponse.
   *
   * @param deviceId the legacy device id we send as
   * @return its offer
   * @throws IOException when it cannot be reached or answers something else
   */
  public Offer query(long deviceId) throws IOException {
    try (Socket socket = open()) {
      write(socket.getOutputStream(), message(MessageType.QUERY_VALUE, deviceId, 0, 0));
      LegacyMessage offer = read(socket.getInputStream());
      if (offer.messageType() != MessageType.QUERY_RESPONSE_VALUE) {
        throw new IOException("expected QueryResponse, got type " + offer.messageType());
      }
      return new Offer(offer.energyTotal(), offer.percentageForSale());
    }
  }

  /**
   * Finds the lowest price the battery accepts, to the cent, by bisection over bids it answers but that are never
   * confirmed (the prototype keeps no state for an unconfirmed BidAccept). One connection.
   *
   * @param deviceId the legacy device id we send as
   * @param maxPriceCPerKwh the highest price tried
   * @return the lowest accepted price in [0, max], or empty when even the maximum is rejected
   * @throws IOException when it cannot be reached or answers something else
   */
  public java.util.OptionalDouble probeReserve(long deviceId, double maxPriceCPerKwh) throws IOException {
    try (Socket socket = open()) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      return ReserveSearch.lowestAccepted(price -> {
        write(out, message(MessageType.BID_VALUE, deviceId, price, 0));
        return accepted(read(in));
      }, maxPriceCPerKwh);
    }
  }

  /**
   * Sells on the battery what our twin already sold for it: one connection, Bid at {@code priceCPerKwh}, and on
   * BidAccept a BidConfirm with that price and {@code percentage}.
   *
   * @param deviceId the legacy device id we send as
   * @param priceCPerKwh the price, c/kWh (sent with two decimals)
   * @param percentage the share of the battery's energy total sold, 0-100
   * @return whether the battery accepted (and was sent the BidConfirm)
   * @throws IOException when it cannot be reached or answers something else
   */
  public boolean sell(long deviceId, double priceCPerKwh, double percentage) throws IOException {
    try (Socket socket = open()) {
      OutputStream out = socket.getOutputStream();
      write(out, message(MessageType.BID_VALUE, deviceId, priceCPerKwh, 0));
      if (!accepted(read(socket.getInputStream()))) {
        return false;
      }
      write(out, message(MessageType.BID_CONFIRM_VALUE, deviceId, priceCPerKwh, percentage));
      return true;
    }
  }

  private static boolean accepted(LegacyMessage reply) throws IOException {
    if (reply.messageType() == MessageType.BID_ACCEPT_VALUE) {
      return true;
    }
    if (reply.messageType() == MessageType.BID_REJECT_VALUE) {
      return false;
    }
    throw new IOException("expected BidAccept or BidReject, got type " + reply.messageType());
  }

  private Socket open() throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(battery, (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      socket.setTcpNoDelay(true);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** @return the battery's address */
  public InetSocketAddress address() {
    return battery;
  }

  private synchronized LegacyMessage message(int type, long deviceId, double bidPrice, double percentage) {
    return new LegacyMessage(type, nextMessageId++, deviceId, 0, bidPrice, 0, 0, percentage, 0, 0, 0, 0, 0, 0);
  }

  private static void write(OutputStream out, LegacyMessage m) throws IOException {
    out.write(LegacyTextCodec.format(m).getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static LegacyMessage read(InputStream in) throws IOException {
    byte[] buf = new byte[LegacyTextCodec.MAX_BYTES];
    int n = in.read(buf);
    if (n <= 0) {
      throw new IOException("the legacy battery closed the connection");
    }
    return LegacyTextCodec.parse(new String(buf, 0, n, StandardCharsets.US_ASCII).strip());
  }
}
