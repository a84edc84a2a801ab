package io.etp.settlement;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A transaction signed and not yet known to the chain. It is persisted before it is sent, so that after a crash the
 * same bytes are resent (never signed anew while they may still land) until its blockhash expires.
 *
 * @param batchId              our id of the transaction's batch
 * @param signature            the transaction's first signature, base58: its id on chain
 * @param bytes                the wire bytes, exactly as sent
 * @param lastValidBlockHeight the block height after which the chain refuses it (its blockhash has expired)
 * @param settlementIds        the settlements it pays
 */
public record SignedTransfer(String batchId, String signature, byte[] bytes, long lastValidBlockHeight,
    List<String> settlementIds) {
  public SignedTransfer {
    Objects.requireNonNull(batchId, "batch id");
    Objects.requireNonNull(signature, "signature");
    bytes = bytes.clone();
    settlementIds = List.copyOf(settlementIds);
  }

  @Override
  public byte[] bytes() { return bytes.clone(); }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedTransfer s && batchId.equals(s.batchId) && signature.equals(s.signature)
        && Arrays.equals(bytes, s.bytes) && lastValidBlockHeight == s.lastValidBlockHeight
        && settlementIds.equals(s.settlementIds);
  }

  @Override
  public int hashCode() { return Objects.hash(batchId, signature, Arrays.hashCode(bytes), lastValidBlockHeight); }

  @Override
  public String toString() {
    return "SignedTransfer[" + batchId + " " + signature + " " + bytes.length + " bytes, valid to block "
        + lastValidBlockHeight + ", " + settlementIds.size() + " settlements]";
  }
}
