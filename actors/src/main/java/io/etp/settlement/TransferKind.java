package io.etp.settlement;

/** Which way a transfer moves a settlement's money. */
public enum TransferKind {
  /** Undisputed: the payer (aggregator) pays the payee (battery owner) directly. */
  PAY,
  /** Disputed within the window: the payer's funds go into the platform's escrow account. */
  ESCROW,
  /** A dispute resolved for the payee: escrow pays the payee. */
  RELEASE,
  /** A dispute resolved for the payer: escrow pays the payer back. */
  REFUND
}
