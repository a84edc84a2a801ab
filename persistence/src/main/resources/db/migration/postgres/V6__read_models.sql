-- Read models projected from the twins' journal events by io.etp.readmodel.ReadModelProjection (Pekko Projection
-- JDBC, exactly-once: rows and offset commit in one transaction). Rows are keyed by natural keys, so applying an
-- event twice changes nothing. Times are epoch milliseconds. History queries page by keyset (time DESC, key DESC).

-- One row per auction: opened by AuctionOpened, completed by AuctionEnded (status COMPLETED or the termination code).
CREATE TABLE auctions (
  auction_id VARCHAR(128) PRIMARY KEY,
  battery_id VARCHAR(128) NOT NULL,
  mechanism VARCHAR(32) NOT NULL,
  lot_kwh DOUBLE PRECISION NOT NULL,
  reserve_c_per_kwh DOUBLE PRECISION NOT NULL,
  opened_at_ms BIGINT NOT NULL,
  closes_at_ms BIGINT NOT NULL,
  status VARCHAR(32) NOT NULL,
  winner_id VARCHAR(128),
  clearing_c_per_kwh DOUBLE PRECISION,
  energy_kwh DOUBLE PRECISION,
  bidders INTEGER,
  misses INTEGER,
  ended_at_ms BIGINT
);
CREATE INDEX auctions_time_idx ON auctions (opened_at_ms, auction_id);
CREATE INDEX auctions_battery_idx ON auctions (battery_id, opened_at_ms, auction_id);
CREATE INDEX auctions_winner_idx ON auctions (winner_id, opened_at_ms, auction_id);
CREATE INDEX auctions_status_idx ON auctions (status, opened_at_ms);

-- Bids a battery accepted (WinnerChosen: the lot offered to that aggregator at its price), then CONFIRMED
-- (TradeConfirmed) or MISSED (ConfirmMissed, the confirm deadline passed). Rejected bids live in bid_audit.
CREATE TABLE bids (
  auction_id VARCHAR(128) NOT NULL,
  aggregator_id VARCHAR(128) NOT NULL,
  battery_id VARCHAR(128) NOT NULL,
  price_c_per_kwh DOUBLE PRECISION NOT NULL,
  energy_kwh DOUBLE PRECISION NOT NULL,
  bidders INTEGER NOT NULL,
  status VARCHAR(16) NOT NULL,
  at_ms BIGINT NOT NULL,
  PRIMARY KEY (auction_id, aggregator_id)
);
CREATE INDEX bids_aggregator_idx ON bids (aggregator_id, at_ms);

-- One row per confirmed trade (TradeConfirmed): at most one per auction.
CREATE TABLE trades (
  auction_id VARCHAR(128) PRIMARY KEY,
  battery_id VARCHAR(128) NOT NULL,
  aggregator_id VARCHAR(128) NOT NULL,
  energy_kwh DOUBLE PRECISION NOT NULL,
  price_c_per_kwh DOUBLE PRECISION NOT NULL,
  confirmed_at_ms BIGINT NOT NULL
);
CREATE INDEX trades_time_idx ON trades (confirmed_at_ms, auction_id);
CREATE INDEX trades_battery_idx ON trades (battery_id, confirmed_at_ms, auction_id);
CREATE INDEX trades_aggregator_idx ON trades (aggregator_id, confirmed_at_ms, auction_id);

-- The battery's journaled device state: Registered (spec), HealthChanged, DeviceFailed, Terminated.
CREATE TABLE battery_telemetry (
  battery_id VARCHAR(128) NOT NULL,
  seq_nr BIGINT NOT NULL,
  kind VARCHAR(16) NOT NULL,
  capacity_kwh DOUBLE PRECISION,
  remaining_kwh DOUBLE PRECISION,
  voltage_v DOUBLE PRECISION,
  discharge_rate_kw DOUBLE PRECISION,
  health VARCHAR(32),
  detail VARCHAR(512),
  at_ms BIGINT NOT NULL,
  PRIMARY KEY (battery_id, seq_nr)
);
CREATE INDEX battery_telemetry_time_idx ON battery_telemetry (battery_id, at_ms, seq_nr);

-- Pekko Projection JDBC's offset store and management tables (pekko-projection-jdbc 1.0.0, DialectDefaults with
-- use-lowercase-schema = true). The projection never creates them itself.
CREATE TABLE pekko_projection_offset_store (
  projection_name VARCHAR(255) NOT NULL,
  projection_key VARCHAR(255) NOT NULL,
  current_offset VARCHAR(255) NOT NULL,
  manifest VARCHAR(4) NOT NULL,
  mergeable BOOLEAN NOT NULL,
  last_updated BIGINT NOT NULL,
  PRIMARY KEY (projection_name, projection_key)
);
CREATE INDEX projection_name_index ON pekko_projection_offset_store (projection_name);
CREATE TABLE pekko_projection_management (
  projection_name VARCHAR(255) NOT NULL,
  projection_key VARCHAR(255) NOT NULL,
  paused BOOLEAN NOT NULL,
  last_updated BIGINT NOT NULL,
  PRIMARY KEY (projection_name, projection_key)
);
