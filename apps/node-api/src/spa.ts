// Serves a built single-page app (react-spa's dist/) beside the API, as a static host would:
//  - files as they are, or their `.gz` twin (compressed at build time) where the client takes
//    gzip, so no CPU is spent compressing per request;
//  - hashed assets (/assets/name-<hash>.js) cached for a year, index.html revalidated each time;
//  - index.html for a GET of any other path without a file extension (a deep link such as
//    /about), while a missing file (/assets/nope.js) stays a 404;
//  - security headers on every page and asset.
// The API's routes come first, so a client route must not share a path with them.
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';

/** What the pages may load: their own scripts, styles and images, and calls to this origin or any https API. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' https:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const IMMUTABLE = 'public, max-age=31536000, immutable';

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

/** Cache-Control for a file served from the app's folder (or its .gz twin). */
export function cacheControlFor(relativePath: string): string {
  return /(^|\/)assets\//.test(relativePath) ? IMMUTABLE : 'no-cache';
}

export interface SpaHandlers {
  /** The app's files; passes on what is not a file. */
  files: RequestHandler;
  /** index.html for page paths nothing else answered; passes on everything else. */
  fallback: RequestHandler;
}

export function serveSpa(dir: string): SpaHandlers {
  const root = path.resolve(dir);
  const index = path.join(root, 'index.html');
  if (!existsSync(index)) throw new Error(`STATIC_DIR ${root} has no index.html`);
  const files = expressStaticGzip(root, {
    index: 'index.html',
    orderPreference: ['gzip'],
    serveStatic: {
      // Cache-Control is set per file below; dotfiles and directory redirects stay off.
      cacheControl: false,
      dotfiles: 'ignore',
      redirect: false,
      setHeaders: (res: ServerResponse, file: string) => {
        securityHeaders(res);
        res.setHeader('Cache-Control', cacheControlFor(path.relative(root, file)));
      },
    },
  }) as RequestHandler;
  const fallback: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    const lastSegment = req.path.slice(req.path.lastIndexOf('/') + 1);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || lastSegment.includes('.')) {
      next();
      return;
    }
    securityHeaders(res);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index, (error?: Error) => error && next(error));
  };
  return { files, fallback };
}
