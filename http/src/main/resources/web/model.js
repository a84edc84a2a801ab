// The dashboard's state, derived from events alone (REST snapshots, when the node serves them, seed it).
// Everything here is plain data and arithmetic; rendering lives in views.js and charts.js.

const FEED_SIZE = 300;
const ALERT_SIZE = 100;
const TRADE_HISTORY = 2000;
const LATENCY_WINDOW = 1000;

export class Model {
  constructor() {
    this.batteries = new Map();   // id -> {id, aggregator, energy, capacity, health, deviceHealth, price, status, updated}
    this.auctions = new Map();    // id -> {id, battery, aggregator, reserve, opened, bids: [{price, at, aggregator}]}
    this.trades = [];             // {at, price, reserve, energy, battery, aggregator, auction}
    this.bidStats = new Map();    // aggregator -> {accepted, rejected}
    this.feed = [];               // newest first
    this.alerts = [];             // newest first
    this.activeAlerts = new Map(); // "RULE subject" -> the ALERT event that raised it, until one clears it
    this.alertSeen = new Map();   // "RULE subject" -> time (ms) of the latest RAISED or CLEARED known for it
    this.latencies = [];          // ms
    this.dropped = 0;
    this.missed = 0;
  }

  apply(event, replayed) {
    const p = event.payload || {};
    const at = Date.parse(event.timestamp);
    switch (event.type) {
      case 'BATTERY_STATUS': this.battery(event, p, at); break;
      case 'AUCTION_OPENED':
        this.auctions.set(event.auction_id, {
          id: event.auction_id, battery: event.battery_id, aggregator: event.aggregator_id,
          reserve: p.reserve_c_per_kwh, energy: p.energy_kwh, opened: at, bids: [],
        });
        break;
      case 'BID_PLACED': {
        const auction = this.auctionFor(event, p, at);
        auction.bids.push({ price: p.price_c_per_kwh, at, aggregator: event.aggregator_id });
        if (auction.bids.length > 200) auction.bids.shift();
        break;
      }
      case 'BID_ACCEPTED': this.bidOutcome(event.aggregator_id, 'accepted'); break;
      case 'BID_REJECTED': this.bidOutcome(event.aggregator_id, 'rejected'); break;
      case 'TRADE_CONFIRMED': {
        const auction = this.auctions.get(event.auction_id);
        const reserve = p.reserve_c_per_kwh ?? auction?.reserve;
        this.trades.push({
          at, price: p.price_c_per_kwh, reserve, energy: p.energy_kwh,
          battery: event.battery_id, aggregator: event.aggregator_id, auction: event.auction_id,
        });
        if (this.trades.length > TRADE_HISTORY) this.trades.shift();
        const battery = this.batteries.get(event.battery_id);
        if (battery && p.price_c_per_kwh != null) battery.price = p.price_c_per_kwh;
        break;
      }
      case 'AUCTION_ENDED':
      case 'AUCTION_TERMINATED':
        this.auctions.delete(event.auction_id);
        break;
      default: break;
    }
    if (event.type === 'ALERT' && p.reason) {
      // Threshold alerts come as RAISED, then CLEARED for the same rule (reason) and subject (battery_id).
      const key = `${p.reason} ${event.battery_id}`;
      const seen = this.alertSeen.get(key);
      if (seen == null || at >= seen) this.alertSeen.set(key, at);
      // the stream's own copy of a raise loaded from GET /api/alerts/active replaces the loaded one
      this.alerts = this.alerts.filter((e) => !(e.seeded && alertKey(e) === key && Date.parse(e.timestamp) === at));
      if (p.status === 'RAISED') this.activeAlerts.set(key, event);
      else if (p.status === 'CLEARED') this.activeAlerts.delete(key);
    }
    if (event.type === 'ALERT' || event.type === 'DEVICE_FAILURE' || event.type === 'AUCTION_TERMINATED') {
      this.alerts.unshift(event);
      if (this.alerts.length > ALERT_SIZE) this.alerts.pop();
    }
    if (event.type === 'DEVICE_FAILURE') {
      const battery = this.batteries.get(event.battery_id);
      if (battery) battery.status = 'FAILED';
    }
    this.feed.unshift(event);
    if (this.feed.length > FEED_SIZE) this.feed.pop();
    // latency p99 counts live traffic only: history replayed at connect or resume says nothing about latency now
    if (replayed) return;
    if (p.latency_ms != null) {
      this.latency(p.latency_ms);
    } else if (Number.isFinite(at)) {
      this.latency(Math.max(0, Date.now() - at)); // delivery latency, source clock to this browser
    }
  }

  /**
   * Seeds an alert from GET /api/alerts/active (the node's active set), unless the stream already told of a raise or
   * clear of the same rule and subject at or after this raise: then the stream is the newer word.
   */
  seedAlert(a) {
    const key = `${a.rule} ${a.subject}`;
    const raised = Date.parse(a.raised_at);
    const seen = this.alertSeen.get(key);
    if (!Number.isFinite(raised) || (seen != null && seen >= raised)) return;
    const event = {
      type: 'ALERT', timestamp: a.raised_at, battery_id: a.subject, seeded: true,
      payload: { reason: a.rule, status: 'RAISED', severity: a.severity, message: a.message },
    };
    this.alertSeen.set(key, raised);
    this.activeAlerts.set(key, event);
    this.alerts.push(event);
    this.alerts.sort((x, y) => Date.parse(y.timestamp) - Date.parse(x.timestamp));
    if (this.alerts.length > ALERT_SIZE) this.alerts.pop();
  }

  battery(event, p, at) {
    const previous = this.batteries.get(event.battery_id) || { id: event.battery_id };
    if (previous.updated != null && at < previous.updated) return; // an older snapshot than what the stream said
    this.batteries.set(event.battery_id, {
      ...previous,
      aggregator: event.aggregator_id ?? previous.aggregator,
      energy: p.energy_kwh ?? previous.energy,
      capacity: p.capacity_kwh ?? previous.capacity,
      health: p.health_pct ?? previous.health,
      deviceHealth: p.health ?? previous.deviceHealth,
      price: p.price_c_per_kwh ?? previous.price,
      status: p.status ?? previous.status,
      updated: at,
    });
  }

  /** Seeds a battery from GET /api/batteries (docs/api.md) without adding to the feed. */
  seedBattery(b) {
    this.battery({ battery_id: b.battery_id, aggregator_id: b.aggregator_id }, b, Date.parse(b.updated_at));
  }

  /** Seeds an active auction and its bids from GET /api/auctions?state=active, unless the stream knows it already. */
  seedAuction(a) {
    if (this.auctions.has(a.auction_id)) return;
    this.auctions.set(a.auction_id, {
      id: a.auction_id, battery: a.battery_id, aggregator: a.aggregator_id, reserve: a.reserve_c_per_kwh,
      energy: a.energy_kwh, opened: Date.parse(a.opened_at),
      bids: (a.bids || []).map((b) => ({ price: b.price_c_per_kwh, at: Date.parse(b.placed_at), aggregator: b.aggregator_id })),
    });
  }

  auctionFor(event, p, at) {
    let auction = this.auctions.get(event.auction_id);
    if (!auction) { // opened before this dashboard's history began
      auction = { id: event.auction_id, battery: event.battery_id, reserve: p.reserve_c_per_kwh, opened: at, bids: [] };
      this.auctions.set(event.auction_id, auction);
    }
    return auction;
  }

  bidOutcome(aggregator, outcome) {
    const key = aggregator || '(none)';
    const stats = this.bidStats.get(key) || { accepted: 0, rejected: 0 };
    stats[outcome] += 1;
    this.bidStats.set(key, stats);
  }

  latency(ms) {
    this.latencies.push(ms);
    if (this.latencies.length > LATENCY_WINDOW) this.latencies.shift();
  }

  /** The overview figures. */
  kpis(now = Date.now()) {
    const minuteAgo = now - 60000;
    const recentTrades = this.trades.filter((t) => t.at >= minuteAgo).length;
    const improvements = this.trades
      .filter((t) => t.price != null && t.reserve != null && t.reserve > 0)
      .map((t) => (t.price - t.reserve) / t.reserve * 100);
    let stored = 0; let capacity = 0;
    for (const b of this.batteries.values()) {
      if (b.energy != null && b.capacity) { stored += b.energy; capacity += b.capacity; }
    }
    const success = [...this.bidStats.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([aggregator, s]) => ({
      aggregator, accepted: s.accepted, rejected: s.rejected,
      rate: s.accepted + s.rejected > 0 ? s.accepted / (s.accepted + s.rejected) * 100 : null,
    }));
    return {
      activeAuctions: this.auctions.size,
      tradesPerMinute: recentTrades,
      priceImprovementPct: improvements.length ? improvements.reduce((a, b) => a + b, 0) / improvements.length : null,
      storageUtilisationPct: capacity > 0 ? stored / capacity * 100 : null,
      latencyP99Ms: percentile(this.latencies, 0.99),
      bidSuccess: success,
    };
  }

  /** Trades per minute for the last {@code minutes} minutes, oldest first. */
  tradesPerMinute(minutes, now = Date.now()) {
    const end = Math.floor(now / 60000) * 60000;
    const buckets = [];
    for (let i = minutes - 1; i >= 0; i -= 1) buckets.push({ minute: end - i * 60000, count: 0, energy: 0 });
    const first = buckets[0].minute;
    for (const t of this.trades) {
      if (t.at < first) continue;
      const index = Math.floor((t.at - first) / 60000);
      if (index >= 0 && index < buckets.length) { buckets[index].count += 1; buckets[index].energy += t.energy || 0; }
    }
    return buckets;
  }

  /**
   * The clearing price per time bucket, oldest first: the volume-weighted average price (VWAP), the lowest and highest
   * price, the energy-weighted reserve and the trade count, over the trades of every battery. One line and one band
   * stay readable however many batteries trade. The bucket is the smallest of BUCKETS_MS that keeps at most
   * MAX_BUCKETS buckets over the trades' span up to {@code now}; a bucket starts at a multiple of its size.
   */
  priceBuckets(now = Date.now()) {
    const priced = this.trades.filter((t) => t.price != null && Number.isFinite(t.at));
    if (!priced.length) return { bucketMs: BUCKETS_MS[0], buckets: [] };
    const span = Math.max(now, priced[priced.length - 1].at) - priced[0].at;
    const bucketMs = BUCKETS_MS.find((b) => span / b <= MAX_BUCKETS) ?? BUCKETS_MS[BUCKETS_MS.length - 1];
    const byStart = new Map();
    for (const t of priced) {
      const start = Math.floor(t.at / bucketMs) * bucketMs;
      const b = byStart.get(start) || { start, count: 0, energy: 0, value: 0, min: t.price, max: t.price,
        reserveEnergy: 0, reserveValue: 0 };
      const weight = t.energy > 0 ? t.energy : 0;
      b.count += 1;
      b.energy += weight;
      b.value += weight * t.price;
      b.min = Math.min(b.min, t.price);
      b.max = Math.max(b.max, t.price);
      if (t.reserve != null) { b.reserveEnergy += weight; b.reserveValue += weight * t.reserve; }
      byStart.set(start, b);
    }
    const buckets = [...byStart.values()].sort((x, y) => x.start - y.start).map((b) => ({
      start: b.start, count: b.count, energy: b.energy, min: b.min, max: b.max,
      // without energy (all lots 0 kWh) the plain mean of the prices
      vwap: b.energy > 0 ? b.value / b.energy : null,
      reserve: b.reserveEnergy > 0 ? b.reserveValue / b.reserveEnergy : null,
    }));
    for (const b of buckets) {
      if (b.vwap == null) {
        const prices = priced.filter((t) => Math.floor(t.at / bucketMs) * bucketMs === b.start).map((t) => t.price);
        b.vwap = prices.reduce((x, y) => x + y, 0) / prices.length;
      }
    }
    return { bucketMs, buckets };
  }

  /** Feed entries passing the type filter and the search text. */
  filteredFeed(type, search) {
    const needle = (search || '').trim().toLowerCase();
    return this.feed.filter((e) => (!type || e.type === type) && (!needle || haystack(e).includes(needle)));
  }
}

/** Bucket sizes for the clearing-price chart, in ms: 5 s up to 1 h. */
const BUCKETS_MS = [5000, 10000, 15000, 30000, 60000, 120000, 300000, 600000, 900000, 1800000, 3600000];
const MAX_BUCKETS = 60;

function alertKey(e) {
  return `${e.payload?.reason} ${e.battery_id}`;
}

export function percentile(values, q) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function haystack(e) {
  const p = e.payload || {};
  return [e.type, e.battery_id, e.aggregator_id, e.auction_id, p.reason, p.message, p.status]
    .filter(Boolean).join(' ').toLowerCase();
}

export const EVENT_TYPES = ['AUCTION_OPENED', 'BID_PLACED', 'BID_ACCEPTED', 'BID_REJECTED', 'TRADE_CONFIRMED',
  'AUCTION_ENDED', 'AUCTION_TERMINATED', 'BATTERY_STATUS', 'DEVICE_FAILURE', 'ALERT'];
