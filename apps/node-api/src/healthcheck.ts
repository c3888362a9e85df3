// The image's HEALTHCHECK: `node dist/healthcheck.js`. The runtime image has no shell, curl or
// wget, and needs none: Node itself asks GET /health on the loopback and exits 0 (healthy) or 1.
// node:http rather than fetch(), which would load undici and start slower on every probe.

import { request } from 'node:http';

const port = Number(process.env.PORT ?? 3000);
const timeoutMs = 2000;

const req = request({ host: '127.0.0.1', port, path: '/health', timeout: timeoutMs }, (res) => {
  res.resume();
  process.exit(res.statusCode === 200 ? 0 : 1);
});
req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
req.on('error', (err) => {
  process.stderr.write(`healthcheck: ${err.message}\n`);
  process.exit(1);
});
req.end();
