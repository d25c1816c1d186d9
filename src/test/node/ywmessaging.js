'use strict';
// YWMessaging conformance target: the contract of /work/shared/systems/ywmessaging.md on the server software the
// real backend runs (Express 4, socket.io 4 attached to the same HTTP server, helmet, cors, express-rate-limit with
// the limits the real code configures, jsonwebtoken, Stripe's own webhook verification). It mirrors what the Java
// stand-in (reference/ywmessaging/YwMessagingReference.java) serves; PostgreSQL, Redis and the SMS provider are
// replaced by memory, so the infra checks have no database here.
//
// Configuration (from NodeConformanceTarget): PORT, YW_ADMIN_EMAIL, YW_ADMIN_PASSWORD, YW_JWT_SECRET,
// YW_STRIPE_WEBHOOK_SECRET, YW_TELNYX_PUBLIC_KEY (base64 DER SPKI, Ed25519), YW_TEST_MEMBER_ID, FAULTS.

const crypto = require('node:crypto');
const express = require('express');
const helmet = require('helmet');
const cors = require('cors');
const { rateLimit } = require('express-rate-limit');
const jwt = require('jsonwebtoken');
const { Server } = require('socket.io');
const common = require('./common');

const FAULTS = {
  'health-degraded': '/health/detailed reports the database failed (503) and /health/ready answers 503',
  'ws-no-auth': 'the socket.io server accepts connections without a token',
  'ws-silent': 'the socket.io server connects clients but never emits an event',
  'webhook-signature-ignored': 'Stripe and Telnyx webhooks are accepted whatever their signature',
  'leaky-401': '401 bodies carry a stack trace and ORM error text',
  'no-rate-limit-headers': 'the limiters send no RateLimit-* headers',
};
const faults = common.faults(FAULTS);

const adminEmail = common.required('YW_ADMIN_EMAIL');
const adminPassword = common.required('YW_ADMIN_PASSWORD');
const jwtSecret = common.required('YW_JWT_SECRET');
const stripeWebhookSecret = common.required('YW_STRIPE_WEBHOOK_SECRET');
const telnyxPublicKey = crypto.createPublicKey({
  key: Buffer.from(common.required('YW_TELNYX_PUBLIC_KEY'), 'base64'), format: 'der', type: 'spki',
});
const testMemberId = common.required('YW_TEST_MEMBER_ID');
// Stripe's library is used only for constructEvent (signature and 300 s tolerance, as the real webhook route does);
// it never calls Stripe's API, so the key is a placeholder, not a credential.
const stripe = require('stripe')('sk_test_conformance_target_no_api_calls');

const ALLOWED_ORIGINS = ['https://app.ywmessaging.com'];
const FIFTEEN_MINUTES = 15 * 60 * 1000;
const adminId = crypto.randomUUID();
const churchId = crypto.randomUUID();
const startedAt = Date.now();

// ---- data: a church with 25 members, one conversation each (the test member first), as the Java stand-in seeds it
const members = new Map();
const conversations = new Map(); // memberId -> conversation
(function seed() {
  const base = Date.now() - 86_400_000;
  const ids = [testMemberId, ...Array.from({ length: 24 }, () => crypto.randomUUID())];
  ids.forEach((id, i) => {
    const member = { id, firstName: `Member${i}`, lastName: 'Conformance', phone: `+1555010${String(i).padStart(4, '0')}` };
    members.set(id, member);
    const at = new Date(base + i * 60_000).toISOString();
    conversations.set(id, {
      id: crypto.randomUUID(), member, status: i % 5 === 4 ? 'closed' : 'open', unreadCount: i % 3,
      lastMessage: { id: crypto.randomUUID(), content: `Welcome ${i}`, direction: 'inbound', createdAt: at },
      lastMessageAt: at, createdAt: new Date(base).toISOString(),
    });
  });
}());

const app = express();
const { server, counts } = common.createServer(app);

// ---- edge: helmet with the headers the brief lists (HSTS 1 year + includeSubDomains, frame DENY), then cors
app.use(helmet({
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  frameguard: { action: 'deny' },
}));
app.use(cors({ origin: ALLOWED_ORIGINS, credentials: true }));

// ---- health (no /api prefix: no limiter counts these)
app.get('/health', (req, res) => {
  res.json({ status: 'ok', timestamp: new Date().toISOString(), version: 'node-conformance-1.0.0' });
});
app.get('/health/detailed', (req, res) => {
  const degraded = faults.has('health-degraded');
  res.status(degraded ? 503 : 200).json({
    status: degraded ? 'degraded' : 'healthy',
    checks: { database: degraded ? 'failed' : 'ok', redis: 'ok', application: 'ok' },
    timestamp: new Date().toISOString(),
  });
});
app.get('/health/ready', (req, res) => {
  if (faults.has('health-degraded')) {
    res.status(503).json({ ready: false, database: 'failed', redis: 'ok' });
  } else {
    res.json({ ready: true, timestamp: new Date().toISOString() });
  }
});
app.get('/health/live', (req, res) => {
  res.json({ alive: true, uptime: (Date.now() - startedAt) / 1000, timestamp: new Date().toISOString() });
});

// ---- the limiters, as the real code configures them (express-rate-limit, draft-6 RateLimit-* headers, 15 min)
function limiter(options) {
  return rateLimit({
    windowMs: FIFTEEN_MINUTES,
    standardHeaders: faults.has('no-rate-limit-headers') ? false : 'draft-6',
    legacyHeaders: false,
    message: { error: 'Too many requests, please try again later.' },
    ...options,
  });
}
// Meant for the GitHub webhook, but mounted on all of /api ahead of everything else: it counts every /api request.
const githubWebhookLimiter = limiter({ limit: 50 });
// The general API limiter, one instance (one count per IP) mounted on most routers.
const apiLimiter = limiter({ limit: 100 });
// /api/auth: 20 failed attempts per IP in production; a successful login is taken back off the count.
const authLimiter = limiter({ limit: 20, skipSuccessfulRequests: true });
// The login route on top: 5 failed attempts.
const loginLimiter = limiter({ limit: 5, skipSuccessfulRequests: true, message: { error: 'Too many login attempts, please try again later.' } });
// /api/messages: 100 per user (the admin of the token; the address when there is none).
const messageLimiter = limiter({ limit: 100, keyGenerator: (req) => (req.user ? `admin:${req.user.adminId}` : common.clientIp(req)) });
// Billing: 30. There is no billing route in this target: the limiter is mounted so that its headers and counts are real.
const billingLimiter = limiter({ limit: 30 });

app.use('/api', githubWebhookLimiter);

// ---- webhooks: raw bodies (the signatures are over the exact bytes), so before express.json()
const webhooks = express.Router();
webhooks.post('/stripe', express.raw({ type: '*/*' }), (req, res) => {
  const signature = req.get('stripe-signature');
  if (!signature) {
    return res.status(400).json({ error: 'Missing stripe-signature header' });
  }
  if (!faults.has('webhook-signature-ignored')) {
    try {
      stripe.webhooks.constructEvent(req.body, signature, stripeWebhookSecret);
    } catch (e) {
      return res.status(400).json({ error: 'Invalid signature' });
    }
  }
  return res.json({ received: true });
});
webhooks.post('/telnyx/status', express.raw({ type: '*/*' }), (req, res) => {
  const signature = req.get('telnyx-signature-ed25519');
  const timestamp = req.get('telnyx-timestamp');
  if (!signature || !timestamp) {
    return res.status(400).json({ error: 'Missing Telnyx signature headers' });
  }
  if (!faults.has('webhook-signature-ignored')) {
    const age = Math.floor(Date.now() / 1000) - Number(timestamp);
    if (!Number.isFinite(age) || Math.abs(age) > 300) {
      return res.status(401).json({ error: 'Timestamp too old' });
    }
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let valid = false;
    try {
      valid = crypto.verify(null, Buffer.concat([Buffer.from(`${timestamp}|`), body]), telnyxPublicKey, Buffer.from(signature, 'base64'));
    } catch (e) {
      valid = false;
    }
    if (!valid) {
      return res.status(401).json({ error: 'Invalid signature' });
    }
  }
  return res.json({ received: true });
});
app.use('/api/webhooks', apiLimiter, webhooks);

app.use(express.json());

// ---- auth
function mint(now) {
  const accessToken = jwt.sign({ adminId, churchId, role: 'admin' }, jwtSecret, { algorithm: 'HS256', expiresIn: '15m' });
  const refreshToken = jwt.sign({ adminId, type: 'refresh' }, jwtSecret, { algorithm: 'HS256', expiresIn: '7d' });
  return { accessToken, refreshToken, now };
}

const auth = express.Router();
auth.post('/login', loginLimiter, (req, res) => {
  const { email, password } = req.body || {};
  if (typeof email !== 'string' || !email.includes('@') || typeof password !== 'string' || password === '') {
    return res.status(400).json({ error: 'Valid email and password are required' });
  }
  if (email.toLowerCase() !== adminEmail.toLowerCase() || password !== adminPassword) {
    return res.status(401).json({ error: 'Invalid email or password' });
  }
  const { accessToken, refreshToken } = mint();
  res.cookie('accessToken', accessToken, { httpOnly: true, maxAge: 15 * 60 * 1000, sameSite: 'strict', path: '/' });
  res.cookie('refreshToken', refreshToken, { httpOnly: true, maxAge: 7 * 24 * 3600 * 1000, sameSite: 'strict', path: '/' });
  return res.json({
    success: true,
    mfaRequired: false,
    data: {
      admin: { id: adminId, email: adminEmail, firstName: 'Conformance', lastName: 'Admin', role: 'admin' },
      church: { id: churchId, name: 'Conformance Church', subscriptionStatus: 'active' },
      accessToken,
      refreshToken,
    },
  });
});
app.use('/api/auth', authLimiter, auth);

function cookie(req, name) {
  const header = req.get('cookie') || '';
  const found = header.split(';').map((c) => c.trim().split('=')).find(([k]) => k === name);
  return found ? decodeURIComponent(found.slice(1).join('=')) : undefined;
}

function unauthorized(res, error) {
  const body = { error };
  if (faults.has('leaky-401')) {
    body.stack = 'PrismaClientKnownRequestError: Invalid `prisma.admin.findUnique()` invocation\n'
      + '    at /app/dist/middleware/auth.js:42:13\n    at processTicksAndRejections (node:internal/process/task_queues:95:5)';
  }
  return res.status(401).json(body);
}

/** Bearer token or the accessToken cookie, HS256, as the real auth middleware. */
function authenticate(req, res, next) {
  const header = req.get('authorization');
  const token = header && header.startsWith('Bearer ') ? header.slice(7) : cookie(req, 'accessToken');
  if (!token) {
    return unauthorized(res, 'No token provided');
  }
  try {
    req.user = jwt.verify(token, jwtSecret, { algorithms: ['HS256'] });
    return next();
  } catch (e) {
    return unauthorized(res, 'Invalid or expired token');
  }
}

// ---- messages and conversations
const messages = express.Router();
messages.post('/send', (req, res) => {
  const { content, targetType, targetIds } = req.body || {};
  const ids = Array.isArray(targetIds) ? targetIds.map(String) : [];
  if (typeof content !== 'string' || content.length < 1 || content.length > 160 || !['individual', 'all'].includes(targetType)
    || (targetType === 'individual' && (ids.length === 0 || !ids.every((id) => members.has(id))))) {
    return res.status(400).json({ error: 'content must be 1-160 characters; targetType individual needs existing targetIds' });
  }
  const recipients = targetType === 'all' ? [...members.keys()] : ids;
  const messageId = crypto.randomUUID();
  const now = new Date().toISOString();
  for (const memberId of recipients) {
    const conversation = conversations.get(memberId);
    conversation.lastMessage = { id: messageId, content, direction: 'outbound', createdAt: now };
    conversation.lastMessageAt = now;
  }
  if (!faults.has('ws-silent')) {
    io.to(`church:${req.user.churchId}`).emit('message:sent', {
      type: 'message:sent', messageId, status: 'pending', timestamp: now, recipientCount: recipients.length,
    });
  }
  return res.status(201).json({
    success: true,
    data: { id: messageId, content, targetType, totalRecipients: recipients.length, status: 'pending', createdAt: now },
  });
});
messages.get('/conversations', (req, res) => {
  const page = Math.max(1, parseInt(req.query.page, 10) || 1);
  const limit = Math.min(100, Math.max(1, parseInt(req.query.limit, 10) || 20));
  const { status } = req.query;
  const all = [...conversations.values()]
    .filter((c) => !status || c.status === status)
    .sort((a, b) => (a.lastMessageAt < b.lastMessageAt ? 1 : a.lastMessageAt > b.lastMessageAt ? -1 : 0));
  res.json({
    success: true,
    data: all.slice((page - 1) * limit, page * limit),
    pagination: { page, limit, total: all.length, pages: Math.ceil(all.length / limit) },
  });
});
app.use('/api/messages', apiLimiter, authenticate, messageLimiter, messages);
app.use('/api/billing', billingLimiter);

// Errors (a malformed JSON body, ...) answer JSON, never a stack trace.
app.use((err, req, res, next) => { // eslint-disable-line no-unused-vars
  res.status(err.status || 500).json({ error: err.status && err.status < 500 ? err.message : 'Internal server error' });
});

// ---- socket.io on the same HTTP server: real ping defaults (25 s / 20 s)
const io = new Server(server, {
  pingInterval: 25_000,
  pingTimeout: 20_000,
  cors: { origin: ALLOWED_ORIGINS, credentials: true },
});
io.use((socket, next) => {
  const { auth: given = {}, query = {}, headers = {} } = socket.handshake;
  const header = headers.authorization;
  const token = given.token || query.token || (header ? header.replace(/^Bearer /, '') : undefined);
  if (!token) {
    return faults.has('ws-no-auth') ? next() : next(new Error('Authentication error: no token'));
  }
  try {
    socket.data.user = jwt.verify(token, jwtSecret, { algorithms: ['HS256'] });
    return next();
  } catch (e) {
    return faults.has('ws-no-auth') ? next() : next(new Error('Authentication error: invalid token'));
  }
});
io.on('connection', (socket) => {
  const user = socket.data.user || { adminId: 'anonymous', churchId };
  socket.join(`church:${user.churchId}`);
  if (!faults.has('ws-silent')) {
    socket.emit('connected', {
      status: 'connected', userId: user.adminId, churchId: user.churchId, socketId: socket.id, timestamp: new Date().toISOString(),
    });
  }
});

common.listen(server, counts, 'ywmessaging');
