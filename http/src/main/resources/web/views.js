// Rendering of the panels. Text from events is only ever set with textContent (never parsed as HTML).

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value == null) continue;
    if (name === 'class') node.className = value; else node.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child == null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const fmt = (value, digits = 1, unit = '') => (value == null || Number.isNaN(value) ? '–' : `${value.toFixed(digits)}${unit}`);
// Money and energy exactly as the server wrote them: the API sends exact decimals (prices 4 decimals at most, energies
// 3), whose shortest JavaScript form is that decimal (16.82, 4.75), so they are shown as they are, never rounded.
const exact = (value, unit = '') => (value == null || Number.isNaN(value) ? '–' : `${String(value)}${unit}`);
const time = (ms) => new Date(ms).toLocaleTimeString([], { hour12: false });

function setValue(id, value, text) {
  const node = $(id);
  node.dataset.value = value == null ? '' : String(value);
  node.textContent = text;
}

export function renderKpis(k) {
  setValue('kpi-active-auctions', k.activeAuctions, String(k.activeAuctions));
  setValue('kpi-trades-per-minute', k.tradesPerMinute, String(k.tradesPerMinute));
  setValue('kpi-price-improvement', k.priceImprovementPct,
    k.priceImprovementPct == null ? '–' : `${k.priceImprovementPct >= 0 ? '+' : ''}${fmt(k.priceImprovementPct, 1, ' %')}`);
  setValue('kpi-storage-utilisation', k.storageUtilisationPct, fmt(k.storageUtilisationPct, 0, ' %'));
  setValue('kpi-latency-p99', k.latencyP99Ms, k.latencyP99Ms == null ? '–' : `${Math.round(k.latencyP99Ms)} ms`);
  const body = $('kpi-bid-success').tBodies[0];
  body.replaceChildren(...k.bidSuccess.map((s) => el('tr', { 'data-aggregator': s.aggregator },
    el('td', {}, s.aggregator),
    el('td', { class: 'num', 'data-rate': s.rate == null ? '' : s.rate.toFixed(1) }, fmt(s.rate, 0, ' %')),
    el('td', { class: 'num muted' }, `${s.accepted}/${s.accepted + s.rejected}`))));
}

export function renderBatteries(batteries) {
  const rows = [...batteries.values()].sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }));
  $('battery-count').dataset.count = String(rows.length);
  $('battery-count').textContent = String(rows.length);
  $('battery-rows').replaceChildren(...rows.map((b) => {
    const pct = b.energy != null && b.capacity ? Math.min(100, b.energy / b.capacity * 100) : null;
    const bar = el('span', { class: 'bar-cell' }, el('i', { style: `width:${pct == null ? 0 : pct.toFixed(0)}%` }));
    return el('tr', { 'data-battery-id': b.id, 'data-status': b.status },
      el('td', {}, b.id),
      el('td', {}, b.aggregator ?? '–'),
      el('td', { class: 'num', 'data-field': 'energy' }, `${exact(b.energy)} / ${exact(b.capacity)} kWh`, bar),
      el('td', { class: 'num', 'data-field': 'health' },
        b.health == null && b.deviceHealth != null ? b.deviceHealth : fmt(b.health, 0, ' %')),
      el('td', { class: 'num', 'data-field': 'price' }, exact(b.price, ' c/kWh')),
      el('td', { 'data-field': 'status' }, b.status ?? '–'));
  }));
}

function sparkline(bids, reserve) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('viewBox', '0 0 90 20');
  const prices = bids.map((b) => b.price).filter((p) => p != null);
  const all = reserve != null ? [...prices, reserve] : prices;
  if (!prices.length) return svg;
  const lo = Math.min(...all); const hi = Math.max(...all); const span = hi - lo || 1;
  const y = (v) => (18 - (v - lo) / span * 16).toFixed(1);
  if (reserve != null) {
    const line = document.createElementNS(ns, 'line');
    line.setAttribute('x1', '0'); line.setAttribute('x2', '90'); line.setAttribute('y1', y(reserve)); line.setAttribute('y2', y(reserve));
    svg.append(line);
  }
  const poly = document.createElementNS(ns, 'polyline');
  const step = prices.length > 1 ? 88 / (prices.length - 1) : 0;
  poly.setAttribute('points', prices.map((p, i) => `${(1 + i * step).toFixed(1)},${y(p)}`).join(' '));
  svg.append(poly);
  return svg;
}

export function renderAuctions(auctions) {
  const rows = [...auctions.values()].sort((a, b) => (b.opened || 0) - (a.opened || 0));
  $('auction-count').dataset.count = String(rows.length);
  $('auction-count').textContent = String(rows.length);
  $('auction-rows').replaceChildren(...rows.map((a) => {
    const best = a.bids.reduce((m, b) => (b.price != null && (m == null || b.price > m) ? b.price : m), null);
    return el('tr', { 'data-auction-id': a.id, 'data-bids': a.bids.length },
      el('td', {}, a.id), el('td', {}, a.battery ?? '–'),
      el('td', { class: 'num' }, exact(a.reserve)), el('td', { class: 'num', 'data-field': 'best-bid' }, exact(best)),
      el('td', { class: 'num' }, String(a.bids.length)), el('td', {}, sparkline(a.bids, a.reserve)));
  }));
}

function summary(e) {
  const p = e.payload || {};
  const parts = [];
  if (p.price_c_per_kwh != null) parts.push(exact(p.price_c_per_kwh, ' c/kWh'));
  if (p.reserve_c_per_kwh != null) parts.push(`reserve ${exact(p.reserve_c_per_kwh, ' c/kWh')}`);
  if (p.energy_kwh != null) parts.push(exact(p.energy_kwh, ' kWh'));
  if (p.status) parts.push(p.status);
  if (p.reason) parts.push(p.reason);
  if (p.message) parts.push(p.message);
  return parts.join(' · ');
}

function eventItem(e) {
  return el('li', { 'data-seq': e.seq, 'data-type': e.type, 'data-battery-id': e.battery_id,
    'data-severity': e.payload?.severity, 'data-status': e.payload?.status, 'data-reason': e.payload?.reason,
    'data-source': e.seeded ? 'active-set' : null },
  el('span', { class: 't' }, time(Date.parse(e.timestamp))),
  el('span', { class: 'k' }, e.type),
  el('span', {}, [e.battery_id, e.aggregator_id, e.auction_id].filter(Boolean).join(' / ')),
  el('span', { class: 'muted' }, summary(e)));
}

export function renderFeed(events) {
  $('feed-list').replaceChildren(...events.slice(0, 200).map(eventItem));
}

export function renderAlerts(alerts, active) {
  $('alert-count').dataset.count = String(alerts.length);
  $('alert-count').textContent = String(alerts.length);
  const activeCount = active ? active.size : 0;
  $('alert-active').dataset.active = String(activeCount);
  $('alert-active').textContent = `${activeCount} active`;
  $('alerts-list').replaceChildren(...alerts.map(eventItem));
}

export function renderConnection(state, detail, lastSeq, dropped, missed, connects) {
  const status = $('connection-status');
  status.dataset.state = state;
  status.dataset.connects = String(connects);
  $('connection-text').textContent = detail ? `${state} – ${detail}` : state;
  $('last-seq').dataset.seq = String(lastSeq);
  $('last-seq').textContent = String(lastSeq);
  const gaps = $('stream-gaps');
  gaps.dataset.dropped = String(dropped);
  gaps.dataset.missed = String(missed);
  gaps.textContent = dropped || missed ? `dropped ${dropped}, missed ${missed}` : '';
}

export function fillTypeFilter(types) {
  const select = $('feed-filter');
  for (const type of types) select.append(el('option', { value: type }, type));
}
