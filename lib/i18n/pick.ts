/**
 * Which messages a page sends to the browser. Server components read every message on the server;
 * only client components need messages in the page, so each part of the site hands its client
 * provider the subtrees its client components use — a public page never carries the admin or
 * security texts of the portal.
 */
export type Messages = Record<string, unknown>;

/** The subtrees named by dotted paths ("dispatch", "security.login"), nothing else. */
export function pickMessages(all: Messages, paths: readonly string[]): Messages {
  const out: Messages = {};
  for (const path of paths) {
    const parts = path.split(".");
    let src: unknown = all;
    for (const p of parts) src = src && typeof src === "object" ? (src as Messages)[p] : undefined;
    if (src === undefined) continue;
    let dst = out;
    parts.slice(0, -1).forEach((p) => {
      dst[p] = typeof dst[p] === "object" && dst[p] !== null ? dst[p] : {};
      dst = dst[p] as Messages;
    });
    dst[parts[parts.length - 1]!] = src;
  }
  return out;
}

/** Client messages per part of the site. The portal (signed-in staff) gets everything. */
export const CLIENT_MESSAGES = {
  root: ["common"],
  auth: ["common", "login", "security.login"],
  join: ["common", "volunteers", "cockpit.sectors"],
  // the 点单 form picks the community with the volunteers' RegionPicker
  request: ["common", "dispatch", "volunteers.form", "volunteers.regionPicker"],
} as const satisfies Record<string, readonly string[]>;
