// The built-in query page: instant queries as a table, range queries as a uPlot graph, like Prometheus'
// classic expression browser. Plain browser JavaScript, no build step.
'use strict';

const $ = (id) => document.getElementById(id);
const HISTORY_KEY = 'ktel.queryHistory';
const HISTORY_MAX = 50;
const RANGE_STEPS = [60, 300, 900, 1800, 3600, 7200, 21600, 43200, 86400, 172800, 604800, 1209600, 2419200];
const UNITS = { y: 31536000, w: 604800, d: 86400, h: 3600, m: 60, s: 1, ms: 0.001 };
const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
  '#bcbd22', '#17becf'];

let tab = 'table';
let plot = null;

// ---- durations and times ----

/** "1h30m" or "90" (seconds) → seconds; NaN when unparsable. */
function parseDuration(text) {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const re = /(\d+)(ms|y|w|d|h|m|s)/g;
  let total = 0, used = 0, m;
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * UNITS[m[2]];
    used += m[0].length;
  }
  return used === s.length && used > 0 ? total : NaN;
}

function formatDuration(secs) {
  for (const [u, n] of Object.entries(UNITS)) {
    if (n >= 1 && secs >= n && secs % n === 0) return secs / n + u;
  }
  return secs + 's';
}

/** End of the range in unix seconds: the End field, or now. */
function endSeconds() {
  const v = $('end').value;
  return v ? new Date(v).getTime() / 1000 : Date.now() / 1000;
}

function rangeSeconds() {
  const r = parseDuration($('range').value);
  if (!(r > 0)) throw new Error('invalid range "' + $('range').value + '"');
  return r;
}

function stepSeconds(range) {
  const v = $('step').value.trim();
  if (!v) return Math.max(Math.floor(range / 250), 1);
  const s = parseDuration(v);
  if (!(s > 0)) throw new Error('invalid step "' + v + '"');
  return s;
}

// ---- history ----

function history() {
  try {
    const h = JSON.parse(localStorage.getItem(HISTORY_KEY));
    return Array.isArray(h) ? h : [];
  } catch (e) {
    return [];
  }
}

function remember(q) {
  const h = [q, ...history().filter((x) => x !== q)].slice(0, HISTORY_MAX);
  localStorage.setItem(HISTORY_KEY, JSON.stringify(h));
  renderHistory();
}

function renderHistory() {
  const sel = $('history');
  sel.length = 1;
  for (const q of history()) {
    const o = document.createElement('option');
    o.value = q;
    o.textContent = q.length > 100 ? q.slice(0, 97) + '…' : q;
    sel.appendChild(o);
  }
}

// ---- API ----

async function api(path, params) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  let body;
  try {
    body = await res.json();
  } catch (e) {
    throw new Error('HTTP ' + res.status + ' ' + res.statusText);
  }
  if (body.status !== 'success') throw new Error(body.errorType + ': ' + body.error);
  return body;
}

// ---- rendering ----

function metricText(metric) {
  const name = metric.__name__ || '';
  const pairs = Object.entries(metric).filter(([k]) => k !== '__name__')
    .map(([k, v]) => k + '=' + JSON.stringify(v));
  return name + '{' + pairs.join(', ') + '}';
}

function showMessages(error, body) {
  $('error').hidden = !error;
  $('error').textContent = error || '';
  const notes = body ? [...(body.warnings || []), ...(body.infos || [])] : [];
  $('warnings').hidden = notes.length === 0;
  $('warnings').textContent = notes.join('\n');
}

function renderTable(data) {
  const tbody = $('table').tBodies[0];
  tbody.replaceChildren();
  const rows = [];
  switch (data.resultType) {
    case 'vector':
      for (const s of data.result) rows.push([metricText(s.metric), s.value[1]]);
      break;
    case 'matrix':
      for (const s of data.result) {
        rows.push([metricText(s.metric), (s.values || []).map(([t, v]) => v + ' @' + t).join('\n')]);
      }
      break;
    case 'scalar':
      rows.push(['scalar', data.result[1]]);
      break;
    case 'string':
      rows.push(['string', data.result[1]]);
      break;
  }
  for (const [label, value] of rows) {
    const tr = tbody.insertRow();
    tr.insertCell().textContent = label;
    const td = tr.insertCell();
    td.className = 'value';
    td.textContent = value;
  }
  $('table-empty').hidden = rows.length > 0;
  return rows.length;
}

/** Aligns the series on the union of their timestamps (null where a series has no point) for uPlot. */
function toColumns(result) {
  const times = new Set();
  for (const s of result) for (const [t] of s.values || []) times.add(t);
  const xs = [...times].sort((a, b) => a - b);
  const index = new Map(xs.map((t, i) => [t, i]));
  const cols = [xs];
  for (const s of result) {
    const col = new Array(xs.length).fill(null);
    for (const [t, v] of s.values || []) {
      const f = Number(v);
      col[index.get(t)] = Number.isFinite(f) ? f : null;
    }
    cols.push(col);
  }
  return cols;
}

function renderGraph(data) {
  if (plot) {
    plot.destroy();
    plot = null;
    window.ktelGraph = null;
  }
  let result = data.result;
  if (data.resultType === 'scalar') result = [{ metric: { __name__: 'scalar' }, values: [data.result] }];
  if (data.resultType !== 'matrix' && data.resultType !== 'scalar') {
    throw new Error('cannot graph a ' + data.resultType + ' result; use the Table tab');
  }
  $('graph-empty').hidden = result.length > 0;
  if (result.length === 0) return 0;
  const el = $('graph');
  const opts = {
    width: Math.max(el.clientWidth, 300),
    height: 420,
    scales: { x: { time: true } },
    series: [{}, ...result.map((s, i) => ({
      label: metricText(s.metric),
      stroke: COLORS[i % COLORS.length],
      width: 1.5,
      spanGaps: false,
    }))],
    legend: { live: true },
  };
  plot = new uPlot(opts, toColumns(result), el);
  window.ktelGraph = plot;
  return result.length;
}

// ---- actions ----

async function execute() {
  const q = $('expr').value.trim();
  if (!q) return;
  remember(q);
  const started = performance.now();
  try {
    const end = endSeconds();
    let body, n;
    if (tab === 'table') {
      body = await api('api/v1/query', { query: q, time: end.toFixed(3) });
      n = renderTable(body.data);
    } else {
      const range = rangeSeconds();
      const step = stepSeconds(range);
      body = await api('api/v1/query_range', {
        query: q, start: (end - range).toFixed(3), end: end.toFixed(3), step: String(step),
      });
      n = renderGraph(body.data);
    }
    showMessages(null, body);
    $('stats').textContent = 'Load time: ' + Math.round(performance.now() - started) + ' ms · Result series: ' + n;
  } catch (e) {
    showMessages(e.message, null);
    $('stats').textContent = '';
  }
}

function selectTab(name) {
  tab = name;
  for (const b of document.querySelectorAll('.tab')) b.classList.toggle('active', b.dataset.tab === name);
  $('table-view').hidden = name !== 'table';
  $('graph-view').hidden = name !== 'graph';
  document.body.classList.toggle('table-tab', name === 'table');
  execute();
}

function moveRange(dir) {
  let r;
  try {
    r = rangeSeconds();
  } catch (e) {
    r = 3600;
  }
  const i = dir > 0 ? RANGE_STEPS.findIndex((s) => s > r) : RANGE_STEPS.findLastIndex((s) => s < r);
  if (i >= 0) $('range').value = formatDuration(RANGE_STEPS[i]);
  execute();
}

function init() {
  renderHistory();
  document.body.classList.add('table-tab');
  $('query-form').addEventListener('submit', (e) => { e.preventDefault(); execute(); });
  $('expr').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); execute(); }
  });
  $('history').addEventListener('change', (e) => {
    if (e.target.value) $('expr').value = e.target.value;
    e.target.selectedIndex = 0;
    $('expr').focus();
  });
  for (const b of document.querySelectorAll('.tab')) b.addEventListener('click', () => selectTab(b.dataset.tab));
  $('range-less').addEventListener('click', () => moveRange(-1));
  $('range-more').addEventListener('click', () => moveRange(1));
  $('end-now').addEventListener('click', () => { $('end').value = ''; execute(); });
  const params = new URLSearchParams(location.search);
  if (params.get('expr')) {
    $('expr').value = params.get('expr');
    if (params.get('tab') === 'graph') selectTab('graph'); else execute();
  }
}

init();
