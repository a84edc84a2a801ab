// The historical charts (Chart.js from the WebJar, loaded as a classic script: window.Chart).

const GRID = '#2a3540';
const TICKS = '#8a9aa8';

function axes(xTitle, yTitle, timeTicks) {
  return {
    x: {
      type: 'linear', grid: { color: GRID }, title: { display: !!xTitle, text: xTitle, color: TICKS },
      ticks: { color: TICKS, maxTicksLimit: 6, callback: timeTicks ? (v) => new Date(v).toLocaleTimeString([], { hour12: false }) : undefined },
    },
    y: { grid: { color: GRID }, ticks: { color: TICKS }, title: { display: true, text: yTitle, color: TICKS }, beginAtZero: false },
  };
}

export class Charts {
  constructor(Chart) {
    // one VWAP line and one min-max band over every battery's trades (readable with 50 batteries), and the reserve
    this.price = new Chart(document.getElementById('chart-price'), {
      type: 'line',
      data: { datasets: [
        { label: 'VWAP', data: [], borderColor: '#4aa3ff', backgroundColor: '#4aa3ff', pointRadius: 2, borderWidth: 2, tension: 0 },
        { label: 'min–max', data: [], borderColor: 'rgba(74,163,255,0.35)', backgroundColor: 'rgba(74,163,255,0.18)', pointRadius: 0, borderWidth: 1, fill: '+1', tension: 0 },
        { label: 'min', data: [], borderColor: 'rgba(74,163,255,0.35)', backgroundColor: 'rgba(74,163,255,0.18)', pointRadius: 0, borderWidth: 1, fill: false, tension: 0 },
        { label: 'reserve', data: [], borderColor: '#f5b342', backgroundColor: '#f5b342', pointRadius: 0, pointStyle: 'line', borderDash: [4, 3], stepped: true },
      ] },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, parsing: false,
        scales: axes('', 'c/kWh', true),
        plugins: {
          legend: { labels: { color: TICKS, filter: (item) => item.text !== 'min' } },
          tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${c.parsed.y.toFixed(2)} c/kWh` } },
        },
      },
    });
    this.trades = new Chart(document.getElementById('chart-trades'), {
      type: 'bar',
      data: { labels: [], datasets: [
        { label: 'trades', data: [], backgroundColor: '#3ecf8e', yAxisID: 'y' },
        { label: 'kWh', data: [], type: 'line', borderColor: '#4aa3ff', pointRadius: 0, yAxisID: 'energy' },
      ] },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        scales: {
          x: { grid: { color: GRID }, ticks: { color: TICKS, maxTicksLimit: 8 } },
          y: { grid: { color: GRID }, ticks: { color: TICKS, precision: 0 }, beginAtZero: true, title: { display: true, text: 'trades', color: TICKS } },
          energy: { position: 'right', grid: { display: false }, ticks: { color: TICKS }, beginAtZero: true, title: { display: true, text: 'kWh', color: TICKS } },
        },
        plugins: { legend: { labels: { color: TICKS } } },
      },
    });
  }

  update(model) {
    const now = Date.now();
    const { bucketMs, buckets } = model.priceBuckets(now);
    const [vwap, max, min, reserve] = this.price.data.datasets;
    vwap.data = buckets.map((b) => ({ x: b.start, y: b.vwap }));
    max.data = buckets.map((b) => ({ x: b.start, y: b.max }));
    min.data = buckets.map((b) => ({ x: b.start, y: b.min }));
    reserve.data = buckets.filter((b) => b.reserve != null).map((b) => ({ x: b.start, y: b.reserve }));
    this.price.options.plugins.title = { display: true, color: TICKS, font: { weight: 'normal' },
      text: `per ${bucketMs >= 60000 ? `${bucketMs / 60000} min` : `${bucketMs / 1000} s`}, all batteries` };
    // an explicit window: Chart.js pads a single point's range to days
    const first = buckets.length ? buckets[0].start : now - 60000;
    this.price.options.scales.x.min = Math.min(first, now - 60000) - bucketMs;
    this.price.options.scales.x.max = Math.max(now, buckets.length ? buckets[buckets.length - 1].start : now) + bucketMs;
    this.price.update('none');
    const minutes = model.tradesPerMinute(30);
    this.trades.data.labels = minutes.map((b) => new Date(b.minute).toLocaleTimeString([], { hour12: false, hour: '2-digit', minute: '2-digit' }));
    this.trades.data.datasets[0].data = minutes.map((b) => b.count);
    this.trades.data.datasets[1].data = minutes.map((b) => Number(b.energy.toFixed(2)));
    this.trades.update('none');
  }
}
