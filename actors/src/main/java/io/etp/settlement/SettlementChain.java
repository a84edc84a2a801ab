package io.etp.settlement;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The port through which settlement entities reach a chain. The settlement module implements it on Solana (solanaj,
 * SPL TransferChecked with a Memo); scenario tests replace it with a test double. Every method may fail with a
 * {@link ChainFailure}; none blocks the calling thread.
 *
 * <p>Exactly once rests on the caller: persist {@link #sign}'s result before {@link #send}; resend the same bytes
 * until {@link #blockHeight()} passes {@link SignedTransfer#lastValidBlockHeight()}; then ask {@link #status} before
 * signing anew.
 */
public interface SettlementChain {

  /** Solana's limit on a serialized transaction, bytes; local runtimes accept more, a real cluster does not. */
  int MAX_TRANSACTION_BYTES = 1232;

  /**
   * Builds and signs one transaction that makes every transfer, with one memo recording them, on a recent blockhash.
   * Fails with {@link ChainFailure.Kind#TOO_LARGE} when it would break a real cluster's limits.
   */
  CompletionStage<SignedTransfer> sign(String batchId, List<Transfer> transfers);

  /** Sends exactly these bytes (again); sending twice never pays twice: the chain knows the signature. */
  CompletionStage<Void> send(SignedTransfer transfer);

  /** What the chain says of a signature. */
  CompletionStage<TransferStatus> status(String signature);

  /** The chain's current block height, to tell whether a signed transaction can still land. */
  CompletionStage<Long> blockHeight();

  /**
   * The serialized size in bytes of the transaction {@link #sign} would build for these transfers, without signing
   * or calling the chain: what batching plans with.
   */
  int transactionBytes(List<Transfer> transfers);
}
