package io.etp.settlement;

import java.util.Objects;

/**
 * One movement of a settlement's money, as a settlement entity asks the chain for it.
 *
 * @param kind   which accounts it moves between ({@link TransferKind})
 * @param record what is paid; its amount is what moves, its hash goes into the memo
 */
public record Transfer(TransferKind kind, SettlementRecord record) {
  public Transfer {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(record, "record");
  }

  public String settlementId() { return record.settlementId(); }
}
