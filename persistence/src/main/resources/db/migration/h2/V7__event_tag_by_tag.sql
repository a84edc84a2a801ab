-- The read journal's eventsByTag query (the live tail polls every tag every 100 ms, the projections every second)
-- joins event_tag to event_journal on "tag = ?" and an ordering range. With only the primary key (event_id, tag),
-- H2 plans it as a full scan of event_tag for every poll: measured on the README node after 2.5 minutes, two thirds
-- of the node's CPU samples were these scans (docs/benchmarks.md, "WebSocket fan-out"). With this index it reads only
-- the polled tag's rows. PostgreSQL plans the join from the ordering range with statistics and needs no such index.
CREATE INDEX IF NOT EXISTS "event_tag_tag_idx" ON "event_tag" ("tag", "event_id");
