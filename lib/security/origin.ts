import { env } from "@/lib/env";

/**
 * Same-origin rule for mutating requests (CSRF defence in depth on top of SameSite=Lax cookies):
 * refuse when the browser says the request is cross-site (`Sec-Fetch-Site: cross-site|same-site`)
 * or sends an `Origin` that is not ours. Requests without either header (curl, server-to-server)
 * carry no ambient browser credentials worth forging and pass; bearer-token calls skip this check.
 */
export function crossOriginReason(req: Request): string | null {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return `sec-fetch-site=${site}`;
  const origin = req.headers.get("origin");
  if (origin && !ourOrigins(req).includes(origin)) return `origin=${origin.slice(0, 100)}`;
  return null;
}

function ourOrigins(req: Request): string[] {
  const out = [new URL(req.url).origin];
  const configured = env().NEXTAUTH_URL;
  if (configured) {
    try {
      out.push(new URL(configured).origin);
    } catch {
      /* ignore a malformed NEXTAUTH_URL here; lib/env validates it */
    }
  }
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (host) out.push(`${req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "")}://${host}`);
  return out;
}

/**
 * Mutating requests carry JSON or a multipart upload; the form/text content types a cross-site
 * page can send without a CORS preflight are refused (415). An empty body needs no type.
 */
export function badContentType(req: Request): boolean {
  const ct = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!ct) {
    const len = req.headers.get("content-length");
    return Boolean(req.headers.get("transfer-encoding")) || (len !== null && len !== "0");
  }
  return ct !== "application/json" && ct !== "multipart/form-data" && !ct.endsWith("+json");
}

export function isMutating(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}
