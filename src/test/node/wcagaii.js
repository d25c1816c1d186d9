'use strict';
// WCAGAII conformance target: the contract of /work/shared/systems/wcagaii.md on the server software the real
// scanner runs (Express 4, helmet, cors, zod validation, prom-client metrics) plus what its checklist requires and
// the public code lacks (express-rate-limit per API key, API-key middleware), configured as the Java stand-in
// (reference/wcagaii/WcagaiiReference.java) does: 200 requests per key per minute. The headless-Chromium pool and
// axe-core are replaced by four axe rules over the HTML; the target fetches no URL at all (it must only ever talk on
// loopback, and every loopback/internal URL is refused by the SSRF guard anyway), so a public URL scan answers 502.
// There is no socket.io in WCAGAII.
//
// Configuration (from NodeConformanceTarget): PORT, WCAGAII_API_KEY, WCAGAII_RATE_LIMIT_API_KEY, FAULTS.

const crypto = require('node:crypto');
const net = require('node:net');
const express = require('express');
const helmet = require('helmet');
const cors = require('cors');
const { rateLimit } = require('express-rate-limit');
const client = require('prom-client');
const { z } = require('zod');
const common = require('./common');

const FAULTS = {
  'no-rate-limit': 'no RateLimit-* headers and no 429, however many requests',
  'metrics-frozen': '/metrics is served but its counters and histograms stop counting requests',
  'ssrf-numeric-bypass': 'the SSRF guard only knows dotted quads: decimal, hex, octal and short loopback pass',
  'no-correlation-id': 'responses carry no X-Correlation-ID',
};
const faults = common.faults(FAULTS);

const apiKeys = new Set([common.required('WCAGAII_API_KEY'), common.required('WCAGAII_RATE_LIMIT_API_KEY')]);
const API_KEY_HEADER = 'x-api-key';
const ALLOWED_ORIGIN = 'https://app.wcagai.example';
const startedAt = Date.now();

// ---- metrics (prom-client): default process metrics and the service's own families
const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });
const httpDuration = new client.Histogram({
  name: 'wcagai_http_request_duration_seconds', help: 'Duration of HTTP requests in seconds',
  labelNames: ['method', 'route', 'status_code'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10], registers: [registry],
});
const scanDuration = new client.Histogram({
  name: 'wcagai_scan_duration_seconds', help: 'Duration of accessibility scans in seconds',
  labelNames: ['type'], buckets: [0.1, 0.5, 1, 2, 5, 10, 30], registers: [registry],
});
const scansTotal = new client.Counter({ name: 'wcagai_scans_total', help: 'Total number of scans', labelNames: ['status'], registers: [registry] });
const errorsTotal = new client.Counter({ name: 'wcagai_errors_total', help: 'Total number of errors', labelNames: ['type'], registers: [registry] });
const violationsCount = new client.Gauge({ name: 'wcagai_violations_count', help: 'Violations found by the last scan', registers: [registry] });
const poolSize = new client.Gauge({ name: 'wcagai_browser_pool_size', help: 'Browsers in the pool', registers: [registry] });
const breakerState = new client.Gauge({ name: 'wcagai_circuit_breaker_state', help: 'Circuit breaker state (0 closed, 1 half-open, 2 open)', registers: [registry] });
poolSize.set(3);
breakerState.set(0);

const ROUTES = [
  ['/health', /^\/health$/], ['/health/ready', /^\/health\/ready$/], ['/health/live', /^\/health\/live$/], ['/metrics', /^\/metrics$/],
  ['/api/scan', /^\/api\/scan$/], ['/api/scan/bulk', /^\/api\/scan\/bulk$/], ['/api/scan/bulk/:batchId', /^\/api\/scan\/bulk\/[^/]+$/],
];
function routeLabel(path) {
  const found = ROUTES.find(([, pattern]) => pattern.test(path));
  return found ? found[0] : 'unmatched';
}

const app = express();
const { server, counts } = common.createServer(app);

// Every request is observed just before its response is written, so a scrape right after it sees it.
app.use((req, res, next) => {
  const start = process.hrtime.bigint();
  const end = res.end;
  res.end = function observed(...args) {
    if (!faults.has('metrics-frozen')) {
      const labels = { method: req.method, route: routeLabel(req.path), status_code: String(res.statusCode) };
      httpDuration.observe(labels, Number(process.hrtime.bigint() - start) / 1e9);
      if (res.statusCode >= 500) errorsTotal.inc({ type: 'http_5xx' });
    }
    return end.apply(this, args);
  };
  next();
});
app.use(helmet());
// An allow-list (an array): only a listed Origin is echoed. (cors given a single string would send that origin to every
// caller, foreign ones included.)
app.use(cors({ origin: [ALLOWED_ORIGIN], credentials: true }));
app.use((req, res, next) => {
  if (!faults.has('no-correlation-id')) {
    const given = req.get('x-correlation-id');
    req.correlationId = given && /^[A-Za-z0-9._-]{1,128}$/.test(given) ? given : crypto.randomUUID();
    res.set('X-Correlation-ID', req.correlationId);
  }
  next();
});

// ---- health and metrics
function memory() {
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, heapTotal: m.heapTotal, rss: m.rss };
}
app.get('/health', (req, res) => {
  res.json({
    status: 'healthy', timestamp: new Date().toISOString(), uptime: (Date.now() - startedAt) / 1000, memory: memory(),
    puppeteerReady: true, browserPool: { poolSize: 3, activeCount: 0, queueSize: 0, utilization: 0 }, version: 'node-conformance-1.0.0',
  });
});
app.get('/health/ready', (req, res) => res.json({ ready: true }));
app.get('/health/live', (req, res) => res.json({ alive: true, uptime: (Date.now() - startedAt) / 1000, memory: memory() }));
app.get('/metrics', async (req, res) => {
  res.set('Content-Type', registry.contentType);
  res.send(await registry.metrics());
});

// ---- /api: rate limit per API key (the address without one), then the API key. The public code has none; the
// checklist demands one. 300 a minute is what the checklist's own T+30 load test needs of a key (5 virtual users,
// about 5 scans a second): a deployment configured stricter could not pass its own checklist.
const api = express.Router();
if (!faults.has('no-rate-limit')) {
  api.use(rateLimit({
    windowMs: 60_000, limit: 300, standardHeaders: 'draft-6', legacyHeaders: false,
    keyGenerator: (req) => req.get(API_KEY_HEADER) || `ip:${common.clientIp(req)}`,
    message: { error: 'Too Many Requests', message: 'Rate limit exceeded, retry later' },
  }));
}
api.use((req, res, next) => {
  const key = req.get(API_KEY_HEADER);
  if (key && apiKeys.has(key)) return next();
  return res.status(401).json({ error: 'Unauthorized', message: key ? 'Invalid API key' : 'API key required' });
});
api.use(express.json());

function isUrl(text) {
  try {
    return Boolean(new URL(text).protocol);
  } catch (e) {
    return false;
  }
}

const scanSchema = z.object({
  type: z.enum(['url', 'html']),
  input: z.string().min(1, 'Expected a non-empty string'),
  options: z.object({
    timeout: z.number().int().min(5000).max(60000).optional(),
    viewport: z.object({ width: z.number(), height: z.number() }).partial().optional(),
    waitUntil: z.string().optional(),
  }).optional(),
}).superRefine((value, ctx) => {
  if (value.type === 'url' && !isUrl(value.input)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['input'], message: 'Invalid url' });
  }
});
const bulkSchema = z.object({
  urls: z.array(z.string().refine(isUrl, 'Invalid url')).min(1).max(100),
});

function validationError(res, issues) {
  return res.status(400).json({
    error: 'Validation Error',
    details: issues.map((i) => ({ field: i.path.join('.') || 'body', path: i.path, message: i.message })),
  });
}

// ---- the SSRF guard: http(s) only, and the address the host stands for must be public. new URL() already
// canonicalises the numeric spellings (2130706433, 0x7f000001, 127.1, 0177.0.0.1) to a dotted quad, as the
// real service's URL parsing does.
const DNS = { localhost: '127.0.0.1', 'localtest.me': '127.0.0.1' }; // stand-in for public DNS: no lookup leaves the machine
const internal = new net.BlockList();
[['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16]]
  .forEach(([a, p]) => internal.addSubnet(a, p, 'ipv4'));
[['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10]].forEach(([a, p]) => internal.addSubnet(a, p, 'ipv6'));

function isInternal(address) {
  if (net.isIPv4(address)) return internal.check(address, 'ipv4');
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (mapped) {
    const hi = parseInt(mapped[1], 16);
    const lo = parseInt(mapped[2], 16);
    return isInternal(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address)) return isInternal(address.slice(7));
  return internal.check(address, 'ipv6');
}

function ssrfRefusal(raw) {
  let url;
  try {
    url = new URL(raw);
  } catch (e) {
    return 'not a URL';
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (scheme !== 'http' && scheme !== 'https') return `scheme '${scheme}' is not allowed`;
  if (faults.has('ssrf-numeric-bypass')) {
    // The fault: a hand-written blocklist that reads the host as typed and only knows dotted quads and names.
    const typed = /^[a-z]+:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^/:?#]*)/i.exec(raw);
    const host = typed ? typed[1] : '';
    if (!host.startsWith('[') && !/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) && !DNS[host.toLowerCase()]) return null;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const address = net.isIP(host) ? host : DNS[host.toLowerCase()];
  if (!address) return null; // a public name: fetching it would tell
  return isInternal(address) ? `host ${url.hostname} is an internal address (${address})` : null;
}

function refuse(res, why) {
  return res.status(403).json({ error: 'Security Violation', message: `URL not allowed: ${why}`, code: 'SSRF_PROTECTION' });
}

// ---- a small axe-core: four of its rules, with axe's ids (the Java stand-in's AccessibilityRules)
function attributes(text) {
  const found = {};
  const re = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g;
  const inner = text.replace(/^<[a-zA-Z0-9]+/, '').replace(/\/?>$/, '');
  let m;
  while ((m = re.exec(inner)) !== null) {
    found[m[1].toLowerCase()] = m[2] === undefined ? '' : m[2].replace(/^["']|["']$/g, '');
  }
  return found;
}

function axe(html) {
  const labelledIds = new Set();
  const labelSpans = [];
  for (const m of html.matchAll(/<label\b[^>]*>(.*?)<\/label>/gis)) {
    labelSpans.push([m.index, m.index + m[0].length]);
    const forId = attributes(m[0].slice(0, m[0].indexOf('>') + 1)).for;
    if (forId) labelledIds.add(forId);
  }
  const imagesWithoutAlt = [];
  const imagesWithAlt = [];
  const unlabelled = [];
  const labelled = [];
  let lang = null;
  for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)(\s[^>]*)?\/?>/g)) {
    const name = m[1].toLowerCase();
    const attrs = attributes(m[2] || '');
    if (name === 'html') {
      lang = attrs.lang ?? null;
    } else if (name === 'img') {
      const decorative = attrs.role === 'presentation' || attrs.role === 'none';
      ('alt' in attrs || decorative ? imagesWithAlt : imagesWithoutAlt).push(m[0]);
    } else if (['input', 'select', 'textarea'].includes(name)) {
      if (name === 'input' && ['hidden', 'submit', 'button', 'image', 'reset'].includes((attrs.type || 'text').toLowerCase())) continue;
      const isLabelled = (attrs['aria-label'] || '').trim() !== '' || 'aria-labelledby' in attrs || (attrs.title || '').trim() !== ''
        || labelledIds.has(attrs.id) || labelSpans.some(([s, e]) => m.index > s && m.index < e);
      (isLabelled ? labelled : unlabelled).push(m[0]);
    }
  }
  const violations = [];
  const passes = [];
  const rule = (id, impact, description, failing, passing) => {
    if (failing.length) violations.push({ id, impact, description, nodes: failing });
    else if (passing.length) passes.push({ id, impact: null, description, nodes: passing });
  };
  rule('image-alt', 'critical', 'Images must have alternate text', imagesWithoutAlt, imagesWithAlt);
  rule('label', 'critical', 'Form elements must have labels', unlabelled, labelled);
  const hasLang = lang !== null && lang.trim() !== '';
  rule('html-has-lang', 'serious', '<html> element must have a lang attribute', hasLang ? [] : ['<html>'], hasLang ? ['<html>'] : []);
  const title = /<title[^>]*>(.*?)<\/title>/is.exec(html);
  const hasTitle = Boolean(title && title[1].trim());
  rule('document-title', 'serious', 'Documents must have <title> element to aid in navigation', hasTitle ? [] : ['<html>'], hasTitle ? ['<title>'] : []);
  return { violations, passes };
}

function scanResult(input, type, html, start, correlationId) {
  const report = axe(html);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (!faults.has('metrics-frozen')) {
    scanDuration.observe({ type }, seconds);
    scansTotal.inc({ status: 'success' });
    violationsCount.set(report.violations.length);
  }
  const bySeverity = {};
  report.violations.forEach((v) => { bySeverity[v.impact] = (bySeverity[v.impact] || 0) + 1; });
  const total = report.violations.length + report.passes.length;
  return {
    scanId: crypto.randomUUID(), ...(correlationId ? { correlationId } : {}), url: type === 'url' ? input : 'about:blank',
    timestamp: new Date().toISOString(), scanTime: Math.round(seconds * 1000),
    summary: {
      violations: report.violations.length, passes: report.passes.length, incomplete: 0,
      complianceScore: total === 0 ? 100 : Math.round((100 * report.passes.length) / total), violationsBySeverity: bySeverity,
    },
    violations: report.violations, passes: report.passes, incomplete: [], testEngine: { name: 'axe-core', version: '4.8.0-node-conformance' },
  };
}

api.post('/scan', (req, res) => {
  const parsed = scanSchema.safeParse(req.body);
  if (!parsed.success) return validationError(res, parsed.error.issues);
  const { type, input } = parsed.data;
  if (type === 'url') {
    const why = ssrfRefusal(input);
    if (why) return refuse(res, why);
    if (!faults.has('metrics-frozen')) scansTotal.inc({ status: 'failed' });
    return res.status(502).json({ error: 'Scan Failed', message: `could not load ${input} (this conformance target fetches no URL)` });
  }
  return res.json(scanResult(input, type, input, process.hrtime.bigint(), req.correlationId));
});

const batches = new Map();
api.post('/scan/bulk', (req, res) => {
  const parsed = bulkSchema.safeParse(req.body);
  if (!parsed.success) return validationError(res, parsed.error.issues);
  for (const url of parsed.data.urls) {
    const why = ssrfRefusal(url);
    if (why) return refuse(res, why);
  }
  const batch = { id: crypto.randomUUID(), urls: parsed.data.urls, results: [] };
  batches.set(batch.id, batch);
  // Scanned in the background; nothing is fetched here, so each public URL ends as a failed scan.
  setImmediate(() => batch.urls.forEach((url) => batch.results.push({ url, error: 'Scan Failed' })));
  return res.status(202).json({ batchId: batch.id, status: 'processing', total: batch.urls.length });
});
api.get('/scan/bulk/:batchId', (req, res) => {
  const batch = batches.get(req.params.batchId);
  if (!batch) return res.status(404).json({ error: 'Not Found', message: `no batch ${req.params.batchId}` });
  const done = batch.results.length;
  return res.json({
    batchId: batch.id, status: done === batch.urls.length ? 'completed' : 'processing',
    progress: { total: batch.urls.length, completed: done }, results: batch.results,
  });
});
app.use('/api', api);

// A body that is not JSON (express.json's SyntaxError) is a 400 naming the body, as zod's errors are; never a 500.
app.use((err, req, res, next) => { // eslint-disable-line no-unused-vars
  if (err.type === 'entity.parse.failed' || err.status === 400) {
    return validationError(res, [{ path: ['body'], message: 'Expected a JSON object' }]);
  }
  return res.status(err.status || 500).json({ error: 'Internal Server Error', message: 'Something went wrong' });
});

common.listen(server, counts, 'wcagaii');
