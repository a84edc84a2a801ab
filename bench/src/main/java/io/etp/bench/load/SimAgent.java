package io.etp.bench.load;

import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.TerminationCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * One simulated aggregator agent: queries and bids on its own batteries at a paced rate, confirms every BidAccept at
 * once, and measures each exchange. One auction at a time per battery (a battery auctions one lot at a time).
 */
final class SimAgent {

  private enum Phase { IDLE, BIDDING, CONFIRMING }

  private static final class Negotiation {
    volatile Phase phase = Phase.IDLE;
    volatile long sentNanos;
    /** Outstanding queries by correlation token (the Query's negotiation_id, echoed by the twin): send nanos. */
    final ConcurrentHashMap<String, Long> queries = new ConcurrentHashMap<>();
  }

  private final SimDevice device;
  private final List<String> batteries;
  private final Map<String, Negotiation> negotiations = new ConcurrentHashMap<>();
  private final LoadStats stats;
  private final double bidShare;
  private final double bidPrice;
  private final double bidEnergy;

  SimAgent(InetSocketAddress gateway, String id, List<String> batteries, DeviceKeyLookup keys, LoadStats stats,
      double bidShare, double bidPrice, double bidEnergy) throws IOException {
    this.batteries = batteries;
    this.stats = stats;
    this.bidShare = bidShare;
    this.bidPrice = bidPrice;
    this.bidEnergy = bidEnergy;
    batteries.forEach(b -> negotiations.put(b, new Negotiation()));
    this.device = new SimDevice(gateway, id, PeerRole.PEER_ROLE_AGGREGATOR, keys.key(id), this::onMessage);
    device.send(device.envelope(id, MessageType.REGISTER, "").setEnergyTotalKwh(0).build());
    device.flush();
  }

  /** Where keys come from. */
  @FunctionalInterface
  interface DeviceKeyLookup {
    io.etp.protocol.signing.DeviceKey key(String id);
  }

  private void onMessage(EtpMessage m) {
    long now = System.nanoTime();
    stats.received(m.getMessageType());
    Negotiation n = negotiations.get(m.getSenderId());
    switch (m.getMessageType()) {
      case QUERY_RESPONSE -> {
        // matched by the token the Query carried as negotiation_id and the twin echoes: a lost reply cannot shift
        // later matches (FIFO pairing did), and a reply after its query was counted lost is an UNMATCHED error
        Long sent = n == null ? null : n.queries.remove(m.getNegotiationId());
        if (sent != null) {
          stats.exchange(LoadStats.Exchange.QUERY, sent, now);
        } else {
          stats.error("QUERY_RESPONSE_UNMATCHED");
        }
      }
      case BID_ACCEPT -> {
        if (n != null && n.phase == Phase.BIDDING) {
          stats.exchange(LoadStats.Exchange.BID, n.sentNanos, now);
          n.phase = Phase.CONFIRMING;
          n.sentNanos = System.nanoTime();
          send(device.envelope(m.getSenderId(), MessageType.BID_CONFIRM, m.getNegotiationId())
              .setBidPriceCPerKwh(m.getBidPriceCPerKwh()).setRequiredEnergyKwh(m.getRequiredEnergyKwh()).build(),
              true);
        }
      }
      case BID_REJECT -> {
        if (n != null && n.phase == Phase.BIDDING) {
          stats.exchange(LoadStats.Exchange.BID, n.sentNanos, now);
          n.phase = Phase.IDLE;
        }
      }
      case TERMINATE -> {
        if (m.getTerminationCode() == TerminationCode.TERMINATION_CODE_PROTOCOL_ERROR) {
          stats.error(m.getReasonCode().name());
        } else if (n != null) {
          if (n.phase == Phase.CONFIRMING) {
            if (m.getTerminationCode() == TerminationCode.TERMINATION_CODE_COMPLETED) {
              stats.exchange(LoadStats.Exchange.CONFIRM, n.sentNanos, now);
              if (stats.measuring) {
                stats.trades.increment();
              }
            } else {
              stats.lost(LoadStats.Exchange.CONFIRM);
            }
          }
          n.phase = Phase.IDLE;
        }
      }
      default -> {
      }
    }
  }

  private void send(EtpMessage m, boolean flush) {
    try {
      device.send(m);
      if (flush) {
        device.flush();
      }
      stats.sent(m.getMessageType());
    } catch (IOException e) {
      stats.error("SEND_FAILED");
    }
  }

  /**
   * Sends at {@code ratePerSecond} until {@code endNanos}, flushing about every millisecond.
   *
   * @param ratePerSecond this agent's messages per second
   * @param endNanos when to stop
   */
  void run(double ratePerSecond, long endNanos) {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    long start = System.nanoTime();
    long sentCount = 0;
    while (true) {
      long now = System.nanoTime();
      if (now >= endNanos) {
        break;
      }
      long due = (long) ((now - start) / 1e9 * ratePerSecond);
      if (sentCount >= due) {
        LockSupport.parkNanos(500_000);
        continue;
      }
      while (sentCount < due) {
        String battery = batteries.get(rnd.nextInt(batteries.size()));
        Negotiation n = negotiations.get(battery);
        if (rnd.nextDouble() < bidShare && n.phase == Phase.IDLE) {
          n.phase = Phase.BIDDING;
          n.sentNanos = System.nanoTime();
          send(device.envelope(battery, MessageType.BID, "").setBidPriceCPerKwh(bidPrice)
              .setRequiredEnergyKwh(bidEnergy).build(), false);
        } else {
          String token = "q" + (++queryCount);
          n.queries.put(token, System.nanoTime());
          send(device.envelope(battery, MessageType.QUERY, token).build(), false);
        }
        sentCount++;
      }
      try {
        device.flush();
      } catch (IOException e) {
        stats.error("SEND_FAILED");
        return;
      }
      expireStale(now);
    }
  }

  private long lastSweep;
  /** Query tokens; only the sending thread ({@link #run}) increments it. */
  private long queryCount;

  /** Exchanges unanswered for 5 s are counted lost. */
  private void expireStale(long now) {
    if (now - lastSweep < 1_000_000_000L) {
      return;
    }
    lastSweep = now;
    long horizon = now - 5_000_000_000L;
    for (Negotiation n : negotiations.values()) {
      for (Map.Entry<String, Long> q : n.queries.entrySet()) {
        if (q.getValue() < horizon && n.queries.remove(q.getKey(), q.getValue())) {
          stats.lost(LoadStats.Exchange.QUERY);
        }
      }
      if (n.phase != Phase.IDLE && n.sentNanos < horizon) {
        stats.lost(n.phase == Phase.CONFIRMING ? LoadStats.Exchange.CONFIRM : LoadStats.Exchange.BID);
        n.phase = Phase.IDLE;
      }
    }
  }

  /** At the end: whatever is still unanswered after the grace period is lost. */
  void countOutstanding() {
    for (Negotiation n : negotiations.values()) {
      n.queries.forEach((token, sent) -> stats.lost(LoadStats.Exchange.QUERY));
      n.queries.clear();
      if (n.phase == Phase.CONFIRMING) {
        stats.lost(LoadStats.Exchange.CONFIRM);
      } else if (n.phase == Phase.BIDDING) {
        stats.lost(LoadStats.Exchange.BID);
      }
    }
  }

  void close() throws IOException {
    device.close();
  }
}
