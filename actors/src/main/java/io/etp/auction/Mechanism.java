package io.etp.auction;

/** How a battery sells its lot. Chosen per battery. */
public enum Mechanism {
  /** English auction: open outcry, each bid beats the standing one by a minimum increment, soft close. */
  ASCENDING,
  /** Sealed bids during a window; the highest bidder wins and pays the second-highest price (or the reserve). */
  SEALED_SECOND_PRICE
}
