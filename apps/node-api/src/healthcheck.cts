// The image's HEALTHCHECK: `node dist/healthcheck.cjs`. The runtime image has no shell, curl or
// wget, and needs none: Node itself asks GET /health on the loopback and exits 0 (healthy) or 1.
// Every probe is a new Node process, so it is kept cheap: CommonJS (this .cts compiles to .cjs),
// which Node starts without its ES module loader (about a quarter less time per probe than the
// same script as an ES module, measured in the image), node:http rather than fetch() (which
// would load undici), and nothing of the app imported.

const { request } = require('node:http') as typeof import('node:http');

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
