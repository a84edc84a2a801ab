package io.etp.settlement;

import java.util.Objects;
import java.util.Optional;

/**
 * What the chain says of a signature.
 *
 * @param stage    how far it got
 * @param error    the transaction's error when it landed and failed (e.g. insufficient funds); empty when it succeeded
 *                 or is unknown
 * @param feeLamports the fee it paid, when known (landed)
 */
public record TransferStatus(Stage stage, Optional<String> error, Optional<Long> feeLamports) {
  public enum Stage { NOT_FOUND, PROCESSED, CONFIRMED, FINALIZED }

  public TransferStatus {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(feeLamports, "fee");
  }

  public static TransferStatus notFound() {
    return new TransferStatus(Stage.NOT_FOUND, Optional.empty(), Optional.empty());
  }

  /** Done: finalized, and the transaction has no error. */
  public boolean isPaid() { return stage == Stage.FINALIZED && error.isEmpty(); }

  /** Landed with an error: nothing moved; the settlement is not paid by it. */
  public boolean isFailed() { return stage != Stage.NOT_FOUND && error.isPresent(); }
}
