/**
 * Settlement: every delivered trade is paid, exactly once, on chain.
 *
 * <p>This package holds the settlement entities and the pure rules they call (amount, batching, retry, dispute
 * window), and the port {@link io.etp.settlement.SettlementChain} through which they reach a chain. The Solana
 * implementation of the port, the wallets and the memo format live in the {@code settlement/} module; scenario tests
 * replace the port with a test double, integration tests use the local Solana runtime.
 */
package io.etp.settlement;
