/**
 * Content-Security-Policy for pages, with a fresh nonce per request (set by proxy.ts; Next.js reads
 * it from the request's CSP header and puts it on its own inline scripts). Scripts: only ours with
 * the nonce, and what they load ('strict-dynamic'). Styles keep 'unsafe-inline' because React style
 * attributes (charts, progress bars) cannot carry a nonce; a style cannot run code.
 */
export function buildCsp(nonce: string, opts: { dev?: boolean; https?: boolean } = {}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** 128 random bits, base64 — unpredictable and unique per response. */
export function newNonce(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return btoa(String.fromCharCode(...b));
}
