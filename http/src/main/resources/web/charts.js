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
    this.price = new Chart(document.getElementById('chart-price'), {
      type: 'line',
      data: { datasets: [
        { label: 'clearing price', data: [], borderColor: '#4aa3ff', backgroundColor: '#4aa3ff', pointRadius: 2, showLine: true, tension: 0 },
        { label: 'reserve', data: [], borderColor: '#f5b342', backgroundColor: '#f5b342', pointRadius: 2, pointStyle: 'line', borderDash: [4, 3], showLine: true, stepped: true },
      ] },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, parsing: false,
        scales: axes('', 'c/kWh', true), plugins: { legend: { labels: { color: TICKS } } },
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
    const trades = model.trades.slice(-300);
    this.price.data.datasets[0].data = trades.filter((t) => t.price != null).map((t) => ({ x: t.at, y: t.price }));
    this.price.data.datasets[1].data = trades.filter((t) => t.reserve != null).map((t) => ({ x: t.at, y: t.reserve }));
    // an explicit window: Chart.js pads a single point's range to days
    const now = Date.now();
    const first = trades.length ? trades[0].at : now - 60000;
    this.price.options.scales.x.min = Math.min(first, now - 60000) - 5000;
    this.price.options.scales.x.max = Math.max(now, trades.length ? trades[trades.length - 1].at : now) + 5000;
    this.price.update('none');
    const buckets = model.tradesPerMinute(30);
    this.trades.data.labels = buckets.map((b) => new Date(b.minute).toLocaleTimeString([], { hour12: false, hour: '2-digit', minute: '2-digit' }));
    this.trades.data.datasets[0].data = buckets.map((b) => b.count);
    this.trades.data.datasets[1].data = buckets.map((b) => Number(b.energy.toFixed(2)));
    this.trades.update('none');
  }
}
