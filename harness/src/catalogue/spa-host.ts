// What a host of a built single-page app must answer, whatever serves it (react-spa's static
// server, node-api in the fullstack image): one list, so both are held to the same rules.
import type { HttpExpectation } from './check-options.ts';

/** A hashed script that index.html names, e.g. /assets/index-DKsbWKpN.js. */
const hashedScript = { from: '/', pattern: '/assets/[\\w.-]+\\.js' };
/** The marker of the app's index.html. */
const appShell = '<div id="root"></div>';

export const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  // The app loads only its own scripts and styles: no 'unsafe-inline', no other origin.
  'content-security-policy': { matches: "^default-src 'self'; script-src 'self'; style-src 'self';.*frame-ancestors 'none'" },
} as const;

export const spaHostExpectations: HttpExpectation[] = [
  {
    title: 'GET / is the app, revalidated on every load, with the security headers',
    path: '/',
    status: 200,
    headers: { 'cache-control': 'no-cache', 'content-type': { matches: '^text/html' }, ...securityHeaders },
    bodyContains: appShell,
  },
  {
    title: 'a deep link (/about) answers index.html with 200',
    path: '/about',
    status: 200,
    headers: { 'cache-control': 'no-cache', 'content-type': { matches: '^text/html' }, ...securityHeaders },
    bodyContains: appShell,
  },
  {
    title: 'a missing asset (/assets/nope.js) is a 404, not index.html',
    path: '/assets/nope.js',
    status: 404,
    bodyLacks: appShell,
  },
  {
    title: 'a hashed asset is cached for a year (immutable) and sent gzip-compressed',
    path: hashedScript,
    requestHeaders: { 'accept-encoding': 'gzip' },
    status: 200,
    headers: {
      'cache-control': 'public, max-age=31536000, immutable',
      'content-encoding': 'gzip',
      'content-type': { matches: 'javascript' },
      vary: { matches: '[Aa]ccept-[Ee]ncoding' },
      'x-content-type-options': 'nosniff',
    },
  },
];
