'use strict';
// What the three conformance targets share: reading their configuration from the environment the Java harness
// (NodeConformanceTarget) gives them, listening on loopback only, announcing the bound port on stdout, counting the
// requests they serve, and stopping when the harness goes away.
//
// The protocol with the harness is line based:
//   stdout "CONFORMANCE-TARGET-LISTENING port=<n>"    once, when the HTTP server is bound (port 0 = ephemeral)
//   stdin  "stats"                                    -> stdout "CONFORMANCE-TARGET-STATS {json}" (request counts)
//   stdin  closed (the JVM ended)                     -> the process exits
// Everything else the targets print goes to stderr, which the harness keeps in a log file.

const http = require('node:http');

/** A required setting from the environment: a per-run test value made by the harness, never a real secret. */
function required(name) {
  const value = process.env[name];
  if (value === undefined || value === '') {
    process.stderr.write(`missing environment variable ${name} (the harness passes it)\n`);
    process.exit(2);
  }
  return value;
}

/** FAULTS=a,b,c: the faults this target is started with (none for a conformance run). */
function faults(known) {
  const set = new Set((process.env.FAULTS || '').split(',').map((f) => f.trim()).filter(Boolean));
  const unknown = [...set].filter((f) => !Object.prototype.hasOwnProperty.call(known, f));
  if (unknown.length > 0) {
    process.stderr.write(`unknown fault(s) ${unknown.join(', ')}; known: ${Object.keys(known).join(', ')}\n`);
    process.exit(2);
  }
  return { has: (name) => set.has(name), list: [...set] };
}

/**
 * Creates the Node HTTP server for an Express app and counts what reaches it: every request, the /api ones, the
 * WebSocket upgrades, and the status codes answered (429s are what a verification run must never cause). The
 * counter listens ahead of the app (Express rewrites req.url while routing).
 */
function createServer(app) {
  const server = http.createServer();
  const counts = { requests: 0, api: 0, upgrades: 0, byStatus: {} };
  server.on('request', (req, res) => {
    counts.requests++;
    if (req.url.startsWith('/api/') || req.url === '/api') {
      counts.api++;
    }
    res.on('finish', () => {
      counts.byStatus[res.statusCode] = (counts.byStatus[res.statusCode] || 0) + 1;
    });
  });
  server.on('request', app);
  return { server, counts };
}

/**
 * Counts upgrades only where something already takes them (socket.io): an 'upgrade' listener of our own would change
 * how Node treats an Upgrade request (e.g. the JDK client's h2c offer), which a server without socket.io answers as a
 * plain request.
 */
function countUpgrades(server, counts) {
  if (server.listenerCount('upgrade') > 0) {
    server.prependListener('upgrade', () => {
      counts.upgrades++;
    });
  }
}

/** Binds to loopback (never another interface), prints the port line, and wires the harness's stdin commands. */
function listen(server, counts, name) {
  const port = Number(process.env.PORT || 0);
  countUpgrades(server, counts);
  server.listen(port, '127.0.0.1', () => {
    process.stdout.write(`CONFORMANCE-TARGET-LISTENING port=${server.address().port}\n`);
    process.stderr.write(`${name} conformance target on http://127.0.0.1:${server.address().port} (node ${process.version})\n`);
  });
  let buffered = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const command = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (command === 'stats') {
        process.stdout.write(`CONFORMANCE-TARGET-STATS ${JSON.stringify(counts)}\n`);
      }
    }
  });
  // The harness holds our stdin open; when it closes (test over, or the JVM died) there is nobody left to serve.
  process.stdin.on('end', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
}

/** The address a limiter keys on: the peer address (loopback here), as express-rate-limit does without trust proxy. */
function clientIp(req) {
  return req.ip || req.socket.remoteAddress;
}

module.exports = { required, faults, createServer, listen, clientIp };
