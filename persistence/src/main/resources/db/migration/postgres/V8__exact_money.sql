-- Exact money and units (docs/market.md, "Money and units"): the traded and paid values of the read tables become
-- NUMERIC at the scales of io.etp.money: prices c/kWh NUMERIC(19,4), energies kWh NUMERIC(19,3). New rows are
-- written from the exact values of the events (BigDecimal), so a trade at 16.82 c/kWh is stored as 16.8200.
-- Existing rows are converted by PostgreSQL's cast (double precision -> numeric keeps 15 significant digits, then
-- rounds to the column's scale, half away from zero): 16.820000000000007 becomes 16.8200. To rebuild them from the
-- journal by io.etp.money's own rule (HALF_EVEN), clear the read tables and the projection's offsets.
ALTER TABLE auctions
  ALTER COLUMN lot_kwh TYPE NUMERIC(19,3),
  ALTER COLUMN reserve_c_per_kwh TYPE NUMERIC(19,4),
  ALTER COLUMN clearing_c_per_kwh TYPE NUMERIC(19,4),
  ALTER COLUMN energy_kwh TYPE NUMERIC(19,3);
ALTER TABLE bids
  ALTER COLUMN price_c_per_kwh TYPE NUMERIC(19,4),
  ALTER COLUMN energy_kwh TYPE NUMERIC(19,3);
ALTER TABLE trades
  ALTER COLUMN energy_kwh TYPE NUMERIC(19,3),
  ALTER COLUMN price_c_per_kwh TYPE NUMERIC(19,4);
-- devices report capacity and remaining energy as doubles: stored at 1 Wh (voltage and power stay doubles)
ALTER TABLE battery_telemetry
  ALTER COLUMN capacity_kwh TYPE NUMERIC(19,3),
  ALTER COLUMN remaining_kwh TYPE NUMERIC(19,3);
-- the bids a battery received: their wire doubles, stored at the same scales by the same rule
ALTER TABLE bid_audit
  ALTER COLUMN price_c_per_kwh TYPE NUMERIC(19,4),
  ALTER COLUMN energy_kwh TYPE NUMERIC(19,3);
