-- Every order the pre-trade risk rules rejected (aggregator bids on the auction path, pipeline bids), with the rule's
-- reason code and detail: audit-only, written in batches by JdbcRiskAuditSink, queried per aggregator in order.
CREATE TABLE risk_audit (
  id BIGSERIAL PRIMARY KEY,
  aggregator_id VARCHAR(128) NOT NULL,
  device_id VARCHAR(128) NOT NULL,
  period INTEGER NOT NULL,
  side VARCHAR(8) NOT NULL,
  quantity_kwh DOUBLE PRECISION NOT NULL,
  limit_price_per_mwh DOUBLE PRECISION NOT NULL,
  reason VARCHAR(64) NOT NULL,
  detail VARCHAR(512) NOT NULL,
  at_ms BIGINT NOT NULL
);
CREATE INDEX risk_audit_aggregator_idx ON risk_audit (aggregator_id, id);
