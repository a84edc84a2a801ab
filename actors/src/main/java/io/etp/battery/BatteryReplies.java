package io.etp.battery;

import io.etp.money.EnergyKwh;
import io.etp.money.PriceCPerKwh;
import io.etp.auction.AuctionBook;
import io.etp.auction.AuctionOutcome;
import io.etp.auction.AuctionProtoMapper;
import io.etp.auction.AuctionRules;
import io.etp.auction.Envelopes;
import io.etp.auction.LotBid;
import io.etp.auction.Mechanism;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.RejectReason;
import io.etp.protocol.v1.TerminationCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The ETP messages a battery twin sends its peers, built from what {@link BidEvaluation} and {@link AuctionBook}
 * decided. Pure apart from the envelopes' message-id counter: the twin sends what these return.
 */
public final class BatteryReplies {

  /** Longest {@code detail} the protocol allows. */
  public static final int MAX_DETAIL_CHARS = 256;

  private final Envelopes envelopes;

  public BatteryReplies(Envelopes envelopes) {
    this.envelopes = envelopes;
  }

  /**
   * A BESSStatus from the twin itself (to monitoring, no recipient): the energy and capacity it reports, with the
   * device's last health, voltage and discharge rate.
   */
  public EtpMessage status(BatterySpec reported) {
    return envelopes.to("", MessageType.BESS_STATUS, "")
        .setEnergyTotalKwh(reported.capacityKwh()).setRemainingEnergyKwh(reported.remainingKwh())
        .setBatteryHealth(reported.health()).setBatteryVoltageV(reported.voltageV())
        .setDischargeRateKw(reported.dischargeRateKw()).build();
  }

  /**
   * What the battery offers, as seen by the twin when a Query arrives.
   *
   * @param seller the durable facts (availability, registered health, energy for sale, criteria)
   * @param capacityKwh the registered capacity
   * @param rules the auction rules a new auction would use
   * @param telemetry the latest telemetry (remaining energy, voltage, discharge rate)
   * @param open the auction in progress, if any
   */
  public record Offer(
      BidEvaluation.Seller seller, double capacityKwh, AuctionRules rules, BatterySpec telemetry,
      Optional<AuctionBook> open) {}

  /**
   * Answers a Query. Its negotiation_id is the open auction's id, unless the Query named one itself: then it is
   * echoed (a correlation token for the asker) and the open auction's id, if any, is in the detail as
   * {@code auction_id=...}. The mechanism travels in {@code auction_mechanism}; the detail repeats it as
   * {@code mechanism=NAME} for aggregators older than that field.
   */
  public EtpMessage queryResponse(EtpMessage query, Offer offer) {
    AuctionBook book = offer.open().orElse(null);
    double lot = offer.seller().availability() != Availability.ONLINE ? 0
        : book != null ? book.lotKwh().toDouble() : BidEvaluation.lotKwh(offer.seller());
    double capacity = offer.capacityKwh();
    Mechanism mechanism = book != null ? book.rules().mechanism() : offer.rules().mechanism();
    boolean echo = !query.getNegotiationId().isEmpty();
    EtpMessage.Builder reply = envelopes.to(query.getSenderId(), MessageType.QUERY_RESPONSE,
            echo ? query.getNegotiationId() : book != null ? book.auctionId() : "")
        .setEnergyTotalKwh(capacity)
        .setPercentageForSale(capacity > 0 ? Math.min(100, 100 * lot / capacity) : 0)
        .setRemainingEnergyKwh(offer.telemetry().remainingKwh())
        .setReservePriceCPerKwh(book != null ? book.reservePriceCPerKwh().toDouble()
            : offer.seller().criteria().reservePriceCPerKwh())
        .setBatteryHealth(offer.seller().health())
        .setBatteryVoltageV(offer.telemetry().voltageV())
        .setDischargeRateKw(offer.telemetry().dischargeRateKw())
        .setAuctionMechanism(AuctionProtoMapper.toWire(mechanism))
        .setDetail("mechanism=" + mechanism
            + (book != null ? " closes_at_ms=" + book.closesAt().toEpochMilli() : "")
            + (book != null && echo ? " auction_id=" + book.auctionId() : ""));
    if (book != null) book.standing().ifPresent(s -> reply.setBidPriceCPerKwh(s.priceCPerKwh()));
    return reply.build();
  }

  /** A BidReject for {@code bid}, decided before the auction book saw it (eligibility, no open auction). */
  public EtpMessage rejected(EtpMessage bid, String auctionId, RejectReason reason, String detail) {
    return envelopes.to(bid.getSenderId(), MessageType.BID_REJECT, auctionId)
        .setBidPriceCPerKwh(bid.getBidPriceCPerKwh())
        .setRequiredEnergyKwh(bid.getRequiredEnergyKwh())
        .setRejectReason(reason)
        .setDetail(detail.length() > MAX_DETAIL_CHARS ? detail.substring(0, MAX_DETAIL_CHARS) : detail)
        .build();
  }

  /**
   * What the bidders hear once the book placed {@code bid}: a rejected bid its BidReject with the standing price;
   * a leading bid in an ascending auction tells the bidder it displaced that it was outbid; a sealed bid nothing yet.
   */
  public List<EtpMessage> placed(EtpMessage bid, String auctionId, AuctionBook.PlaceResult result) {
    double price = bid.getBidPriceCPerKwh();
    if (result instanceof AuctionBook.PlaceResult.Rejected r) {
      return List.of(envelopes.to(bid.getSenderId(), MessageType.BID_REJECT, auctionId)
          .setBidPriceCPerKwh(price)
          .setRejectReason(r.reason())
          .setSalePriceCPerKwh(r.standingPriceCPerKwh())
          .setDetail(String.format(Locale.ROOT, "%s; standing %.2f c/kWh", reasonName(r.reason()),
              r.standingPriceCPerKwh()))
          .build());
    }
    if (result instanceof AuctionBook.PlaceResult.Leading l) {
      return l.outbid().map(previous -> List.of(envelopes.to(previous, MessageType.BID_REJECT, auctionId)
              .setBidPriceCPerKwh(price)
              .setRejectReason(RejectReason.REJECT_REASON_OUTBID)
              .setSalePriceCPerKwh(price)
              .setDetail(String.format(Locale.ROOT, "outbid; standing %.2f c/kWh", price))
              .build()))
          .orElse(List.of());
    }
    return List.of();
  }

  /**
   * The award: a BidAccept to the winner at the clearing price and, on the first award of an auction, a BidReject to
   * every other bidder saying why it lost. A later award (after a winner missed its confirm) tells only the new winner.
   * The wire's double fields carry the exact clearing price, energy and reserve (as the nearest double, which prints
   * as the decimal: 16.82).
   */
  public List<EtpMessage> awarded(String auctionId, PriceCPerKwh reservePriceCPerKwh, AuctionBook.Progress.Awarded a,
      boolean firstAward) {
    LotBid w = a.winner();
    List<EtpMessage> out = new ArrayList<>();
    out.add(envelopes.to(w.bidderId(), MessageType.BID_ACCEPT, auctionId)
        .setBidPriceCPerKwh(w.priceCPerKwh())
        .setSalePriceCPerKwh(a.clearingPriceCPerKwh().toDouble())
        .setRequiredEnergyKwh(EnergyKwh.ofDouble(w.energyKwh()).toDouble())
        .setReservePriceCPerKwh(reservePriceCPerKwh.toDouble())
        .build());
    if (firstAward) {
      a.others().forEach((bidder, reason) -> out.add(envelopes.to(bidder, MessageType.BID_REJECT, auctionId)
          .setRejectReason(reason)
          .setSalePriceCPerKwh(a.clearingPriceCPerKwh().toDouble())
          .setDetail("auction closed: " + reasonName(reason))
          .build()));
    }
    return out;
  }

  /**
   * The Terminate every bidder hears when an auction ends: the losers of a trade LOST_AUCTION, everyone else the
   * outcome's code; with a trade, the clearing price, and the winner its energy.
   */
  public List<EtpMessage> ended(AuctionOutcome outcome) {
    List<EtpMessage> out = new ArrayList<>();
    for (String bidder : outcome.bidders()) {
      boolean winner = outcome.winnerId().map(bidder::equals).orElse(false);
      TerminationCode code = outcome.traded() && !winner
          ? TerminationCode.TERMINATION_CODE_LOST_AUCTION : outcome.endedWith();
      EtpMessage.Builder end = envelopes.to(bidder, MessageType.TERMINATE, outcome.auctionId())
          .setTerminationCode(code)
          .setReservePriceCPerKwh(outcome.reservePriceCPerKwh().toDouble());
      if (outcome.traded()) {
        end.setSalePriceCPerKwh(outcome.clearingPriceCPerKwh().toDouble());
        if (winner) end.setRequiredEnergyKwh(outcome.energyKwh().toDouble());
      }
      out.add(end.build());
    }
    return out;
  }

  /** {@code REJECT_REASON_OUTBID} -> {@code outbid}. */
  static String reasonName(RejectReason reason) {
    return reason.name().replace("REJECT_REASON_", "").toLowerCase(Locale.ROOT);
  }
}
