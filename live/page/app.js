/* servicegraph live status page: one dashboard query over HTTP, refreshed
 * whenever a subscription reports a committed change (graphql-ws), so every
 * figure shown is the read model's, never a client-side estimate. */
'use strict';

const GRAPHQL_PATH = '/graphql';
const REFRESH_AFTER_CHANGE_MS = 250;
/* With AUTH=jwt every request carries a token: from the page's fragment
 * (/live#token=…, which browsers never send to a server, so it lands in no
 * log) or from the sign-in field; kept for this tab only, never put in a URL. */
const TOKEN_KEY = 'servicegraph.live.token';
const MAX_CHANGES_SHOWN = 60;

/* The page's operations (LIVE_OPERATIONS, from /live/operations.js, made by the
 * hub from live/pageOperations.ts): each one's text and, when the hub lists it
 * among its trusted documents, its id, which is then sent instead of the text
 * (so a hub with TRUSTED_DOCUMENTS=require serves the page). */
const { LiveDashboard: DASHBOARD, LiveOperator: OPERATOR } = LIVE_OPERATIONS;
/** Hub exceptions and parked events change without a subscription event (a dismissal, a release): polled too. */
const OPERATOR_REFRESH_MS = 10_000;
/** Months the trend shows: the last ones with figures. */
const TREND_MONTHS = 12;
const BUCKETS = [['current', 'current'], ['days1to30', '1–30'], ['days31to60', '31–60'], ['days61to90', '61–90'], ['over90', 'over 90']];
/** One colour per currency (by position), the same in every chart. */
const CURRENCY_COLOURS = ['#58a6ff', '#3fb950', '#d29922', '#a371f7', '#f85149', '#8b98a5'];

const SUBSCRIPTIONS = [LIVE_OPERATIONS.LiveInvoiceChanges, LIVE_OPERATIONS.LiveProjectChanges];

const money = (amount, currency) => {
  const n = Number(amount);
  return `${n.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}${currency ? ` ${currency}` : ''}`;
};
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const child of children) node.append(child);
  return node;
};

function takeTokenFromFragment() {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  // Out of the address bar and the history.
  history.replaceState(null, '', location.pathname + location.search);
}

/** The Authorization of the page's requests: `Bearer <token>` once it has one. */
function authorization() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** The hub refused the token (or wants one): show the sign-in field, saying why. */
function askForToken(reason) {
  const form = document.getElementById('signIn');
  document.getElementById('signInReason').textContent = reason;
  form.hidden = false;
}

function setUpSignIn() {
  document.getElementById('signIn').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = document.getElementById('tokenInput').value.trim().replace(/^Bearer\s+/i, '');
    if (!token) return;
    sessionStorage.setItem(TOKEN_KEY, token);
    // Everything (the query, the socket) starts again with the token.
    location.reload();
  });
}

/** An operation's request: its trusted document id when it has one, else its text. */
function request(operation) {
  return operation.id ? { documentId: operation.id } : { query: operation.query };
}

async function query(operation) {
  const response = await fetch(GRAPHQL_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...authorization() },
    body: JSON.stringify(request(operation)),
  });
  const body = await response.json();
  if (response.status === 401) askForToken(body.errors?.[0]?.message ?? 'this hub needs a token');
  if (body.errors?.length) console.warn('dashboard query errors', body.errors);
  if (!body.data) throw new Error(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`);
  return body.data;
}

let portfolioChart;
let pipelineChart;
const charts = {};

/** Creates the chart on first use, then only replaces its data (no flicker on every push). */
function drawChart(id, type, data, options) {
  if (!charts[id]) {
    charts[id] = new Chart(document.getElementById(id), { type, data, options: {
      responsive: true, maintainAspectRatio: false, animation: { duration: 300 },
      plugins: { legend: { labels: { color: '#e6edf3' } } },
      scales: { x: { ticks: { color: '#8b98a5' } }, y: { ticks: { color: '#8b98a5' } } }, ...options } });
  } else {
    charts[id].data = data;
    charts[id].update();
  }
}

function renderTrend(rows) {
  const months = [...new Set(rows.map((r) => r.month))].sort().slice(-TREND_MONTHS);
  const currencies = [...new Set(rows.map((r) => r.currency))].sort();
  const cell = new Map(rows.map((r) => [`${r.month}|${r.currency}`, r]));
  const datasets = currencies.flatMap((currency, i) => {
    const colour = CURRENCY_COLOURS[i % CURRENCY_COLOURS.length];
    return [
      { type: 'bar', label: `revenue ${currency}`, data: months.map((m) => Number(cell.get(`${m}|${currency}`)?.recognizedRevenue.amount ?? 0)), backgroundColor: `${colour}66` },
      { type: 'line', label: `margin ${currency}`, data: months.map((m) => Number(cell.get(`${m}|${currency}`)?.margin.amount ?? 0)), borderColor: colour, backgroundColor: colour, tension: 0.2 },
    ];
  });
  drawChart('trendChart', 'bar', { labels: months, datasets });
  document.getElementById('trendHead').replaceChildren(el('tr', {}, el('th', {}, 'month'),
    ...currencies.flatMap((c) => [el('th', { class: 'num' }, `revenue ${c}`), el('th', { class: 'num' }, `margin ${c}`)])));
  document.getElementById('trend').replaceChildren(...months.map((month) => el('tr', { 'data-testid': `trend-${month}` }, el('td', {}, month),
    ...currencies.flatMap((currency) => {
      const row = cell.get(`${month}|${currency}`);
      const margin = row?.margin.amount ?? '0';
      return [
        el('td', { class: 'num', 'data-testid': `trend-revenue-${month}-${currency}` }, money(row?.recognizedRevenue.amount ?? '0')),
        el('td', { class: `num ${Number(margin) < 0 ? 'negative' : ''}`, 'data-testid': `trend-margin-${month}-${currency}` }, money(margin)),
      ];
    }))));
}

/** Bars of amounts by age, one dataset per currency, and the table beside them. */
function renderAging(id, tableId, rows, buckets) {
  drawChart(id, 'bar', {
    labels: buckets.map(([, label]) => label),
    datasets: rows.map((row, i) => ({ label: row.currency, data: buckets.map(([key]) => Number(row[key].amount)), backgroundColor: CURRENCY_COLOURS[i % CURRENCY_COLOURS.length] })),
  });
  document.getElementById(tableId).replaceChildren(...rows.map((row) => el('tr', { 'data-testid': `${tableId}-${row.currency}` },
    el('td', {}, row.currency),
    ...buckets.map(([key]) => el('td', { class: 'num', 'data-testid': `${tableId}-${row.currency}-${key}` }, money(row[key].amount))))));
}

function renderKpis(portfolio) {
  const root = document.getElementById('kpis');
  root.replaceChildren(...portfolio.map((row) => {
    const pct = row.marginPercent === null ? '—' : `${row.marginPercent} %`;
    return el('article', { class: 'kpi', 'data-testid': `kpi-${row.currency}` },
      el('h3', {}, `${row.currency} · ${row.projectCount} projects`),
      el('dl', {},
        el('dt', {}, 'margin'), el('dd', { 'data-testid': `margin-${row.currency}`, class: Number(row.margin.amount) < 0 ? 'negative' : '' }, money(row.margin.amount, row.currency)),
        el('dt', {}, 'margin %'), el('dd', { 'data-testid': `margin-percent-${row.currency}` }, pct),
        el('dt', {}, 'unbilled work'), el('dd', { 'data-testid': `unbilled-${row.currency}` }, money(row.unbilledApprovedAmount.amount, row.currency)),
        el('dt', {}, 'recognized revenue'), el('dd', {}, money(row.recognizedRevenue.amount, row.currency)),
        el('dt', {}, 'outstanding'), el('dd', { 'data-testid': `outstanding-${row.currency}` }, money(row.outstandingBalance.amount, row.currency)),
        el('dt', {}, 'open exceptions'), el('dd', {}, String(row.openInvoiceExceptions))));
  }));
}

function renderPortfolioChart(portfolio) {
  const data = {
    labels: portfolio.map((r) => r.currency),
    datasets: [
      { label: 'margin', data: portfolio.map((r) => Number(r.margin.amount)), backgroundColor: '#3fb950' },
      { label: 'unbilled work', data: portfolio.map((r) => Number(r.unbilledApprovedAmount.amount)), backgroundColor: '#d29922' },
      { label: 'recognized revenue', data: portfolio.map((r) => Number(r.recognizedRevenue.amount)), backgroundColor: '#58a6ff' },
      { label: 'outstanding', data: portfolio.map((r) => Number(r.outstandingBalance.amount)), backgroundColor: '#a371f7' },
    ],
  };
  if (!portfolioChart) {
    portfolioChart = new Chart(document.getElementById('portfolioChart'), {
      type: 'bar', data,
      options: { responsive: true, maintainAspectRatio: false, animation: { duration: 300 }, plugins: { legend: { labels: { color: '#e6edf3' } } },
        scales: { x: { ticks: { color: '#8b98a5' } }, y: { ticks: { color: '#8b98a5' } } } },
    });
  } else {
    portfolioChart.data = data;
    portfolioChart.update();
  }
}

function renderPipeline(d) {
  const states = [['draft', d.draft], ['posted, not paid', d.notPaid], ['partly paid', d.partial], ['paid', d.paid], ['voided', d.voided]];
  document.getElementById('pipeline').replaceChildren(...states.map(([label, c]) =>
    el('tr', { 'data-testid': `pipeline-${label.replace(/[^a-z]+/g, '-')}` }, el('td', {}, label), el('td', { class: 'num' }, String(c.totalCount)))));
  const data = {
    labels: states.map(([label]) => label),
    datasets: [{ data: states.map(([, c]) => c.totalCount), backgroundColor: ['#8b98a5', '#d29922', '#a371f7', '#3fb950', '#f85149'] }],
  };
  if (!pipelineChart) {
    pipelineChart = new Chart(document.getElementById('pipelineChart'), {
      type: 'doughnut', data,
      options: { responsive: true, maintainAspectRatio: false, animation: { duration: 300 }, plugins: { legend: { position: 'right', labels: { color: '#e6edf3' } } } },
    });
  } else {
    pipelineChart.data = data;
    pipelineChart.update();
  }
}

function renderWorstMargins(projects) {
  const worst = projects.filter((p) => Number(p.recognizedRevenue.amount) !== 0 && p.marginPercent !== null)
    .sort((a, b) => Number(a.marginPercent) - Number(b.marginPercent)).slice(0, 10);
  document.getElementById('worstMargins').replaceChildren(...worst.map((p) =>
    el('tr', { 'data-testid': `project-${p.id}` },
      el('td', {}, p.name), el('td', {}, p.customer?.name ?? '—'),
      el('td', { class: `num ${Number(p.margin.amount) < 0 ? 'negative' : ''}` }, money(p.margin.amount, p.currency)),
      el('td', { class: 'num' }, `${p.marginPercent} %`))));
}

function renderExceptions(exceptions) {
  document.getElementById('exceptionCount').textContent = `(${exceptions.totalCount})`;
  const rows = exceptions.nodes.flatMap((invoice) => invoice.openExceptions.map((x) => ({ invoice, x })))
    .sort((a, b) => b.x.ageHours - a.x.ageHours);
  document.getElementById('exceptions').replaceChildren(...rows.map(({ invoice, x }) =>
    el('tr', {}, el('td', {}, invoice.number ?? invoice.id), el('td', {}, invoice.customer?.name ?? '—'),
      el('td', {}, x.stage), el('td', {}, x.code), el('td', {}, x.message ?? ''),
      el('td', { class: 'num' }, x.ageHours >= 48 ? `${Math.floor(x.ageHours / 24)} d` : `${Math.floor(x.ageHours)} h`))));
}

const age = (hours) => (hours >= 48 ? `${Math.floor(hours / 24)} d` : hours >= 1 ? `${Math.floor(hours)} h` : `${Math.max(0, Math.floor(hours * 60))} min`);

function renderOperator(d) {
  document.getElementById('hubExceptionCount').textContent = `(${d.hubExceptions.totalCount})`;
  document.getElementById('parkedCount').textContent = `(${d.parkedEvents.totalCount})`;
  const now = Date.now();
  const rows = [
    ...d.hubExceptions.nodes.map((x) => ({ kind: 'exception', hours: x.ageHours, cells: [x.eventId, x.source, x.type, x.code, x.message ?? ''] })),
    ...d.parkedEvents.nodes.map((p) => ({ kind: 'parked', hours: (now - Date.parse(p.parkedAt)) / 3_600_000, cells: [p.eventId, p.source, p.type, p.waitingFor, p.reason] })),
  ].sort((a, b) => b.hours - a.hours);
  document.getElementById('operator').replaceChildren(...rows.map((row) =>
    el('tr', { class: row.kind }, el('td', {}, row.kind), ...row.cells.map((cell) => el('td', {}, cell)), el('td', { class: 'num' }, age(row.hours)))));
}

async function refreshOperator() {
  try {
    renderOperator(await query(OPERATOR));
  } catch (error) {
    document.getElementById('operator').replaceChildren(el('tr', {}, el('td', { colspan: '7' }, `operator view unavailable: ${error.message}`)));
  }
}

function renderIngest(s) {
  document.getElementById('ingest').textContent =
    `events received ${s.received} · applied ${s.applied} · parked ${s.parked} · pending ${s.pending} · exceptions ${s.exceptions} · rejected ${s.rejected} · duplicates ${s.duplicates}`;
}

let refreshing = false;
let refreshAgain = false;
async function refresh() {
  if (refreshing) { refreshAgain = true; return; }
  refreshing = true;
  try {
    const d = await query(DASHBOARD);
    renderKpis(d.portfolio);
    renderPortfolioChart(d.portfolio);
    renderPipeline(d);
    renderWorstMargins(d.projects.nodes);
    renderExceptions(d.exceptions);
    renderIngest(d.ingestStatus);
    void refreshOperator();
    renderTrend(d.portfolioMonths);
    renderAging('receivablesChart', 'receivablesAging', d.receivablesAging, BUCKETS);
    renderAging('unbilledChart', 'unbilledAging', d.unbilledAging, BUCKETS.slice(1));
    document.getElementById('agingAsOf').textContent = d.receivablesAging[0] ? `(as of ${d.receivablesAging[0].asOf})` : '';
    document.getElementById('updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    document.getElementById('updated').textContent = `update failed: ${error.message}`;
  } finally {
    refreshing = false;
    if (refreshAgain) { refreshAgain = false; setTimeout(refresh, REFRESH_AFTER_CHANGE_MS); }
  }
}

let refreshTimer;
function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refresh, REFRESH_AFTER_CHANGE_MS);
}

function showChange(text) {
  const list = document.getElementById('changes');
  for (const item of list.querySelectorAll('li.fresh')) item.classList.remove('fresh');
  list.prepend(el('li', { class: 'fresh' }, text));
  while (list.children.length > MAX_CHANGES_SHOWN) list.lastChild.remove();
}

function connect() {
  const connection = document.getElementById('connection');
  const client = graphqlWs.createClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${GRAPHQL_PATH}`,
    // The token goes in connection_init (read again at each reconnection).
    connectionParams: () => authorization(),
    retryAttempts: Infinity,
    // 4403: no valid token (or it expired); another try with the same one would fail the same way.
    shouldRetry: (event) => event?.code !== 4403,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(10000, 500 * 2 ** retries))),
    on: {
      connected: () => { connection.textContent = 'live'; connection.className = 'connection live'; scheduleRefresh(); },
      closed: (event) => {
        connection.textContent = event?.code === 4403 ? 'signed out' : 'reconnecting…';
        connection.className = 'connection down';
        if (event?.code === 4403) askForToken(event.reason || 'this hub needs a token');
      },
    },
  });
  for (const subscription of SUBSCRIPTIONS) {
    // graphql-ws's protocol wants a query string: an empty one beside the id.
    client.subscribe(subscription.id ? { query: '', ...request(subscription) } : request(subscription), {
      next: ({ data, errors }) => {
        if (errors?.length) console.warn('subscription errors', errors);
        const change = data?.invoiceStatusChanged ?? data?.projectFinancialsChanged;
        if (!change) return;
        const what = change.invoice
          ? `invoice ${change.invoice.number ?? change.invoice.id} ${change.invoice.status.toLowerCase()}, ${change.invoice.paymentState.toLowerCase().replace('_', ' ')} (${change.invoice.customer?.name ?? ''})`
          : `project ${change.project.name}: margin ${money(change.project.margin.amount, change.project.margin.currency)}${change.project.marginPercent === null ? '' : ` (${change.project.marginPercent} %)`}`;
        showChange(`${change.at.slice(0, 16).replace('T', ' ')} ${change.eventType.replace(/^ps\./, '')} · ${what}`);
        scheduleRefresh();
      },
      error: (error) => console.warn('subscription error', error),
      complete: () => undefined,
    });
  }
}

takeTokenFromFragment();
setUpSignIn();
refresh();
connect();
setInterval(refreshOperator, OPERATOR_REFRESH_MS);
