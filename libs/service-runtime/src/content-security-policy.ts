import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/**
 * What a page of a service may load: only its own scripts, styles and API (no inline script, no CDN); images
 * also from data: and blob: (a photo read from a file or the camera before it is sent), the camera's stream too.
 * Served over plain HTTP in the embedded default, so requests are not upgraded to HTTPS.
 */
export const PAGE_CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  mediaSrc: ["'self'", 'blob:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  scriptSrcAttr: ["'none'"],
  upgradeInsecureRequests: null,
};

/**
 * helmet's headers with the pages' policy; the OpenAPI page (/docs, Swagger UI's own inline styles) keeps
 * helmet's default policy, which allows inline styles but no inline script either.
 */
export function securityHeaders(): (req: IncomingMessage & { path?: string }, res: ServerResponse, next: (err?: unknown) => void) => void {
  const pages = helmet({ contentSecurityPolicy: { useDefaults: false, directives: PAGE_CONTENT_SECURITY_POLICY } });
  const docs = helmet();
  return (req, res, next) => {
    const path = req.path ?? req.url ?? '';
    return (path === '/docs' || path.startsWith('/docs/') || path.startsWith('/docs-') ? docs : pages)(req, res, next);
  };
}
