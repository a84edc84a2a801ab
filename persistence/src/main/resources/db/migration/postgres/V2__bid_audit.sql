-- Every bid a battery received, with its decision and the reason: audit-only, so written in batches outside the
-- journal (JdbcBidAuditSink), queried per battery in arrival order.
CREATE TABLE bid_audit (
  id BIGSERIAL PRIMARY KEY,
  battery_id VARCHAR(128) NOT NULL,
  auction_id VARCHAR(128) NOT NULL,
  aggregator_id VARCHAR(128) NOT NULL,
  message_id BIGINT NOT NULL,
  price_c_per_kwh DOUBLE PRECISION NOT NULL,
  energy_kwh DOUBLE PRECISION NOT NULL,
  decision VARCHAR(16) NOT NULL,
  reason VARCHAR(64) NOT NULL,
  at_ms BIGINT NOT NULL
);
CREATE INDEX bid_audit_battery_idx ON bid_audit (battery_id, id);
