// The dashboard's entry point: wires the live stream, the model and the views. Renders at most once per frame and
// redraws the charts at most once per second, however fast events arrive.

import { LiveStream } from './stream.js';
import { Model, EVENT_TYPES } from './model.js';
import * as views from './views.js';
import { Charts } from './charts.js';

const KEY_STORAGE = 'etp.apiKey';
const model = new Model();
let charts = null;
let dirty = false;
let chartsDirty = false;
let connection = { state: 'connecting', detail: '' };

const apiKey = () => sessionStorage.getItem(KEY_STORAGE) || '';

function schedule() {
  chartsDirty = true;
  if (dirty) return;
  dirty = true;
  requestAnimationFrame(render);
}

function render() {
  dirty = false;
  views.renderKpis(model.kpis());
  views.renderBatteries(model.batteries);
  views.renderAuctions(model.auctions);
  views.renderAlerts(model.alerts, model.activeAlerts);
  renderFeed();
  views.renderConnection(connection.state, connection.detail, stream.lastSeq, model.dropped, model.missed,
    stream.connects);
}

function renderFeed() {
  views.renderFeed(model.filteredFeed(document.getElementById('feed-filter').value,
    document.getElementById('feed-search').value));
}

const stream = new LiveStream({
  onEvent(event, replayed) {
    model.apply(event, replayed);
    schedule();
  },
  onNotice(notice) {
    if (notice.type === 'DROPPED') model.dropped += notice.count;
    if (notice.type === 'MISSED') model.missed += notice.count;
    schedule();
  },
  onState(state, detail) {
    connection = { state, detail: detail || '' };
    schedule();
  },
}, apiKey);

/** REST snapshots the core serves (docs/api.md); until it does, these answer 404 and the stream alone is used. */
async function loadSnapshots() {
  const headers = apiKey() ? { Authorization: `Bearer ${apiKey()}` } : {};
  try {
    // the node's active alert set first: a page that connects late still shows what was raised before it came
    const alerts = await fetch('/api/alerts/active', { headers });
    if (alerts.ok) (await alerts.json()).alerts.forEach((a) => model.seedAlert(a));
    const batteries = await fetch('/api/batteries', { headers });
    if (batteries.ok) (await batteries.json()).forEach((b) => model.seedBattery(b));
    const auctions = await fetch('/api/auctions?state=active', { headers });
    if (auctions.ok) (await auctions.json()).forEach((a) => model.seedAuction(a));
  } catch (e) {
    console.warn('snapshots unavailable', e);
  }
  schedule();
}

function start() {
  views.fillTypeFilter(EVENT_TYPES);
  document.getElementById('feed-filter').addEventListener('change', renderFeed);
  document.getElementById('feed-search').addEventListener('input', renderFeed);
  document.getElementById('api-key-input').value = apiKey();
  document.getElementById('api-key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const key = document.getElementById('api-key-input').value.trim();
    if (key) sessionStorage.setItem(KEY_STORAGE, key); else sessionStorage.removeItem(KEY_STORAGE);
    stream.restart();
    loadSnapshots();
  });
  document.getElementById('api-key-clear').addEventListener('click', () => {
    sessionStorage.removeItem(KEY_STORAGE);
    document.getElementById('api-key-input').value = '';
    stream.restart();
    loadSnapshots();
  });
  if (window.Chart) {
    charts = new Charts(window.Chart);
  } else {
    console.error('Chart.js did not load; charts are off');
  }
  setInterval(() => {
    if (charts && chartsDirty) {
      chartsDirty = false;
      charts.update(model);
    }
    views.renderKpis(model.kpis()); // trades per minute decays with time, not only with events
  }, 1000);
  stream.connect();
  loadSnapshots();
  document.body.dataset.ready = 'true';
}

start();
