'use strict';
// DAWG AI conformance target: the contract of /work/shared/systems/dawg-ai.md on the server software the real
// "unified backend" runs (Express 4, socket.io 4 attached to the same HTTP server, helmet). It mirrors what the Java
// stand-in (reference/dawg/DawgReference.java) serves: health and the three dependency endpoints the checklist
// demands, chat with intent/entity detection streamed to conversation rooms, paginated conversations, and beat
// generation as a queue (two workers, waiting -> active -> completed) whose result is a click-track WAV at the
// requested tempo behind an HMAC-signed URL that expires. BullMQ/Redis, Prisma and S3 are replaced by memory.
// The brief names no rate limiter for DAWG AI, so there is none.
//
// Configuration (from NodeConformanceTarget): PORT, DAWG_TEST_TOKEN, DAWG_TEST_USER_ID, DAWG_SIGNING_KEY, FAULTS.

const crypto = require('node:crypto');
const express = require('express');
const helmet = require('helmet');
const { Server } = require('socket.io');
const common = require('./common');

const FAULTS = {
  'ws-lag': "every 5th acknowledgement of the socket.io 'ping' event comes 150 ms late",
  'ws-drop': 'the server closes every socket.io connection 1 s after it connects',
  'chat-not-streamed': 'chat replies over HTTP but emits no chat:stream/chat:complete events',
  'signed-url-never-expires': 'audio URLs keep working after the expiry they are signed with',
};
const faults = common.faults(FAULTS);

const testToken = common.required('DAWG_TEST_TOKEN');
const testUserId = common.required('DAWG_TEST_USER_ID');
const signingKey = common.required('DAWG_SIGNING_KEY');

const SIGNED_URL_TTL_SECONDS = 4; // short, as in the Java stand-in, so the expiry check sees one expire within a run
const SAMPLE_RATE = 16_000;
const STEP_MS = 80; // four steps: a beat takes ~0.3 s
const WORKERS = 2;
const GENRES = ['trap', 'drill', 'lofi', 'house', 'techno', 'boom bap', 'hip hop', 'r&b', 'pop'];

const conversations = new Map();
const jobs = new Map();
const files = new Map();
const queue = [];
let busyWorkers = 0;
let completedCount = 0;
let failedCount = 0;

(function seedConversations() {
  // The test user starts with a dozen conversations of two messages each, a minute apart; another user has three.
  const base = Date.now() - 86_400_000;
  for (let i = 0; i < 15; i++) {
    const at = (s) => new Date(base + i * 60_000 + s * 1000).toISOString();
    const c = {
      id: crypto.randomUUID(), userId: i < 12 ? testUserId : 'another-user', projectId: `project-${i % 3}`,
      createdAt: at(0), updatedAt: at(1),
      messages: [
        { id: crypto.randomUUID(), role: 'user', content: `seed message ${i}`, createdAt: at(0) },
        { id: crypto.randomUUID(), role: 'assistant', content: `seed reply ${i}`, createdAt: at(1) },
      ],
    };
    conversations.set(c.id, c);
  }
}());

const app = express();
const { server, counts } = common.createServer(app);
app.use(helmet());
app.use(express.json());

// ---- health
app.get('/health', (req, res) => {
  res.json({
    status: 'healthy', service: 'unified-backend',
    services: { main: 'healthy', database: 'healthy', redis: 'healthy', s3: 'healthy' },
    timestamp: new Date().toISOString(), version: '2.0.0',
  });
});

// ---- /api: the checklist's Bearer token when one is presented (the public code trusts x-user-id)
app.use('/api', (req, res, next) => {
  const authorization = req.get('authorization');
  if (authorization !== undefined && authorization !== `Bearer ${testToken}`) {
    return res.status(401).json({ success: false, error: 'Invalid token' });
  }
  return next();
});
for (const dependency of ['db', 'redis', 's3']) {
  app.get(`/api/health/${dependency}`, (req, res) => {
    const start = process.hrtime.bigint();
    res.json({ status: 'healthy', latencyMs: Number((process.hrtime.bigint() - start) / 1_000_000n) });
  });
}

// ---- chat
app.post('/api/chat/message', (req, res) => {
  const body = req.body || {};
  const userId = typeof body.userId === 'string' && body.userId ? body.userId : req.get('x-user-id') || '';
  const message = typeof body.message === 'string' ? body.message : '';
  if (!userId.trim() || !message.trim() || message.length > 2000) {
    return res.status(400).json({ error: 'userId and message (1-2000 characters) are required' });
  }
  const conversationId = typeof body.conversationId === 'string' && body.conversationId ? body.conversationId : crypto.randomUUID();
  let conversation = conversations.get(conversationId);
  if (!conversation) {
    const now = new Date().toISOString();
    conversation = { id: conversationId, userId, projectId: body.projectId ?? null, createdAt: now, updatedAt: now, messages: [] };
    conversations.set(conversationId, conversation);
  }
  if (conversation.userId !== userId) {
    return res.status(403).json({ error: 'conversation belongs to another user' });
  }
  const lower = message.toLowerCase();
  const entities = {};
  const genre = GENRES.find((g) => lower.includes(g));
  if (genre) entities.genre = genre;
  const bpm = /(\d{2,3})\s*bpm/.exec(lower);
  if (bpm) entities.bpm = Number(bpm[1]);
  const beatRequest = /\b(create|make|generate|produce)\b/.test(lower) && /\b(beat|track|instrumental|loop)s?\b/.test(lower);
  const reply = beatRequest
    ? `Got it: a ${entities.genre || 'custom'} beat at ${entities.bpm || 120} BPM. I can start generating it now.`
    : 'Tell me what you would like to create.';
  conversation.messages.push(chatMessage('user', message), chatMessage('assistant', reply));
  conversation.updatedAt = new Date().toISOString();
  if (!faults.has('chat-not-streamed')) {
    const room = io.to(`conversation:${conversation.id}`);
    reply.split(/(?<= )/).forEach((chunk, index) => room.emit('chat:stream', { conversationId: conversation.id, chunk, index }));
    room.emit('chat:complete', { conversationId: conversation.id, message: reply });
  }
  return res.json({
    conversationId: conversation.id, message: reply, intent: beatRequest ? 'generate_beat' : 'general_chat', entities,
    followUpQuestion: beatRequest ? 'Which key should it be in?' : 'Would you like a beat, a melody or lyrics?',
    provider: 'node-conformance', tokensUsed: Math.floor(message.length / 4 + reply.length / 4), cost: 0,
  });
});

function chatMessage(role, content) {
  return { id: crypto.randomUUID(), role, content, createdAt: new Date().toISOString() };
}

function summary(c) {
  return {
    id: c.id, userId: c.userId, projectId: c.projectId, createdAt: c.createdAt, updatedAt: c.updatedAt,
    messageCount: c.messages.length, lastMessage: c.messages.length ? c.messages[c.messages.length - 1].content : null,
  };
}

app.get('/api/chat/conversations', (req, res) => {
  const userId = req.query.userId || req.get('x-user-id');
  if (!userId) {
    return res.status(400).json({ error: 'userId is required' });
  }
  const limit = Math.min(100, Math.max(1, parseInt(req.query.limit, 10) || 20));
  const offset = Math.max(0, parseInt(req.query.offset, 10) || 0);
  const mine = [...conversations.values()].filter((c) => c.userId === userId)
    .sort((a, b) => (a.updatedAt === b.updatedAt ? a.id.localeCompare(b.id) : a.updatedAt < b.updatedAt ? 1 : -1));
  return res.json({ conversations: mine.slice(offset, offset + limit).map(summary), total: mine.length });
});
app.get('/api/chat/conversations/:id', (req, res) => {
  const c = conversations.get(req.params.id);
  if (!c) {
    return res.status(404).json({ error: 'Conversation not found' });
  }
  const { messages, ...rest } = c;
  return res.json({ ...rest, messages });
});
app.delete('/api/chat/conversations/:id', (req, res) => {
  res.status(conversations.delete(req.params.id) ? 204 : 404).end();
});

// ---- beat generation: a queue with two workers, progress to room user:<id>
app.post('/api/generate/beat', (req, res) => {
  const userId = req.get('x-user-id');
  const body = req.body || {};
  const details = [];
  if (!userId) details.push('x-user-id header is required');
  if (typeof body.genre !== 'string' || !body.genre.trim()) details.push('genre is required');
  if (body.bpm !== undefined && !(Number.isInteger(body.bpm) && body.bpm >= 60 && body.bpm <= 200)) details.push('bpm must be 60..200');
  if (body.duration !== undefined && !(Number(body.duration) >= 15 && Number(body.duration) <= 300)) details.push('duration must be 15..300');
  if (details.length) {
    return res.status(400).json({ success: false, error: 'Validation error', details });
  }
  const job = { id: crypto.randomUUID(), generationId: crypto.randomUUID(), userId, request: body, state: 'waiting', progress: 0 };
  jobs.set(job.id, job);
  queue.push(job);
  setImmediate(drain);
  return res.status(202).json({ success: true, message: 'Beat generation job queued', jobId: job.id, generationId: job.generationId });
});

function drain() {
  while (busyWorkers < WORKERS && queue.length) {
    busyWorkers++;
    render(queue.shift()).finally(() => {
      busyWorkers--;
      setImmediate(drain);
    });
  }
}

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

async function render(job) {
  const room = io.to(`user:${job.userId}`);
  job.state = 'active';
  room.emit('generation:started', { jobId: job.id, generationId: job.generationId, type: 'beat', timestamp: new Date().toISOString() });
  for (const [percent, stage] of [[10, 'analyzing request'], [35, 'composing pattern'], [70, 'rendering audio'], [90, 'uploading to storage']]) {
    await sleep(STEP_MS); // the work a real render takes
    job.progress = percent;
    room.emit('generation:progress', { jobId: job.id, generationId: job.generationId, percent, stage, timestamp: new Date().toISOString() });
  }
  const bpm = job.request.bpm || 120;
  const duration = Number(job.request.duration || 15);
  const path = `/files/generated/${encodeURIComponent(job.userId)}/${job.generationId}.wav`;
  files.set(path, clickTrackWav(bpm, duration, SAMPLE_RATE));
  job.result = {
    audioUrl: `http://127.0.0.1:${server.address().port}${sign(path, new Date())}`,
    duration, genre: job.request.genre, bpm, key: job.request.key || 'C', mood: job.request.mood ?? null, stems: [],
    metadata: { format: 'wav', sampleRate: SAMPLE_RATE, bpm },
  };
  job.progress = 100;
  job.state = 'completed';
  completedCount++;
  room.emit('generation:completed', { jobId: job.id, generationId: job.generationId, result: job.result, timestamp: new Date().toISOString() });
}

/** A metronome as 16-bit mono PCM WAV: a 10 ms decaying 1 kHz click on every beat (the Java ClickTrack's audio). */
function clickTrackWav(bpm, seconds, sampleRate) {
  const total = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(total * 2);
  const beatFrames = (sampleRate * 60) / bpm;
  const clickFrames = Math.floor(sampleRate / 100);
  for (let beat = 0; beat < total; beat += beatFrames) {
    const start = Math.round(beat);
    for (let i = 0; i < clickFrames && start + i < total; i++) {
      const sample = 0.8 * (1 - i / clickFrames) * Math.sin((2 * Math.PI * 1000 * i) / sampleRate);
      data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, sample)) * 32767), (start + i) * 2);
    }
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

// ---- S3-style signed URLs: HMAC-SHA256 over path, date and lifetime
function amzDate(date) {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
function signature(path, date, expires) {
  return crypto.createHmac('sha256', signingKey).update(`${path}\n${date}\n${expires}`).digest('hex');
}
function sign(path, date) {
  const d = amzDate(date);
  return `${path}?X-Amz-Date=${d}&X-Amz-Expires=${SIGNED_URL_TTL_SECONDS}&X-Amz-Signature=${signature(path, d, String(SIGNED_URL_TTL_SECONDS))}`;
}
app.get('/files/generated/:userId/:file', (req, res) => {
  const path = req.path;
  const { 'X-Amz-Date': date, 'X-Amz-Expires': expires, 'X-Amz-Signature': given } = req.query;
  if (!date || !expires || !given) {
    return res.status(403).type('text/plain').send('AccessDenied: missing signature');
  }
  const expected = Buffer.from(signature(path, String(date), String(expires)));
  const offered = Buffer.from(String(given));
  if (expected.length !== offered.length || !crypto.timingSafeEqual(expected, offered)) {
    return res.status(403).type('text/plain').send('SignatureDoesNotMatch');
  }
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(String(date));
  const expiry = m ? Date.UTC(m[1], m[2] - 1, m[3], m[4], m[5], m[6]) + Number(expires) * 1000 : NaN;
  if (!Number.isFinite(expiry)) {
    return res.status(403).type('text/plain').send('AccessDenied: malformed expiry');
  }
  if (Date.now() > expiry && !faults.has('signed-url-never-expires')) {
    return res.status(403).type('text/plain').send('AccessDenied: Request has expired');
  }
  const bytes = files.get(path);
  if (!bytes) {
    return res.status(404).type('text/plain').send('NoSuchKey');
  }
  return res.type('audio/wav').send(bytes);
});

app.get('/api/generate/status/:jobId', (req, res) => {
  const job = jobs.get(req.params.jobId);
  if (!job) {
    return res.status(404).json({ error: 'Job not found' });
  }
  return res.json({ jobId: job.id, state: job.state, progress: job.progress, ...(job.error ? { error: job.error } : {}) });
});
app.get('/api/generate/result/:jobId', (req, res) => {
  const job = jobs.get(req.params.jobId);
  if (!job) {
    return res.status(404).json({ error: 'Job not found' });
  }
  if (!job.result) {
    return res.status(409).json({ jobId: job.id, state: job.state, error: 'Job has no result yet' });
  }
  return res.json({ jobId: job.id, state: job.state, result: job.result });
});
app.get('/api/generate/queue/stats', (req, res) => {
  const states = [...jobs.values()].map((j) => j.state);
  res.json({
    waiting: states.filter((s) => s === 'waiting').length, active: states.filter((s) => s === 'active').length,
    completed: completedCount, failed: failedCount, delayed: 0,
  });
});

app.use((err, req, res, next) => { // eslint-disable-line no-unused-vars
  res.status(err.status || 500).json({ error: err.status && err.status < 500 ? err.message : 'Internal server error' });
});

// ---- socket.io on the same HTTP server. The ping interval is stricter than the 25 s default (as the Java stand-in's
// 500 ms), so that the stability check's short hold sees pings that must be answered; a client that does not answer
// within 2 s is dropped.
const io = new Server(server, { pingInterval: 500, pingTimeout: 2000 });
io.use((socket, next) => {
  const userId = socket.handshake.auth && socket.handshake.auth.userId;
  if (!userId) {
    return next(new Error('userId is required'));
  }
  socket.data.userId = String(userId);
  return next();
});
io.on('connection', (socket) => {
  socket.join(`user:${socket.data.userId}`);
  socket.on('join:conversation', (payload) => {
    const id = typeof payload === 'string' ? payload : payload && (payload.conversationId || payload.id);
    if (id) socket.join(`conversation:${id}`);
  });
  let pings = 0;
  socket.on('ping', (payload, ack) => {
    if (typeof ack !== 'function') return;
    pings++;
    if (faults.has('ws-lag') && pings % 5 === 0) {
      setTimeout(() => ack({ pong: Date.now() }), 150);
    } else {
      ack({ pong: Date.now() });
    }
  });
  if (faults.has('ws-drop')) {
    // Closes the transport without a socket.io disconnect packet, as a dropped network or a proxy would.
    setTimeout(() => socket.conn.close(), 1000);
  }
});

common.listen(server, counts, 'dawg');
