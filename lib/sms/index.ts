/**
 * The one way the portal sends a text message (one-time codes for /me sign-in, phone changes,
 * guardians, and redemption on /activities). A provider is chosen by `SMS_PROVIDER`:
 * - `outbox` (default, demo and tests): each message is appended as one JSON line
 *   `{"to": "...", "text": "...", "at": "..."}` to `SMS_OUTBOX_PATH` (`.data/sms-outbox.jsonl`), so a
 *   person trying the demo reads their code there;
 * - `http`: a real gateway — `POST SMS_HTTP_URL` with `{"to","text","sign"}` JSON and
 *   `Authorization: Bearer SMS_HTTP_TOKEN` (docs/volunteer-side.md).
 * `PHONE_CODE_LOG=1` also prints each message (number masked) to the server log.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { env, type Env } from "@/lib/env";

export interface SmsMessage {
  to: string;
  text: string;
}

export interface SmsProvider {
  readonly name: string;
  send(msg: SmsMessage): Promise<void>;
}

export class SmsSendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SmsSendError";
  }
}

/** Absolute path of the outbox file. */
export function smsOutboxPath(e: Env = env()): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), e.SMS_OUTBOX_PATH);
}

export function outboxProvider(file: string): SmsProvider {
  return {
    name: "outbox",
    async send({ to, text }) {
      await fs.mkdir(path.dirname(file), { recursive: true });
      // One appendFile call per line: concurrent sends never interleave inside a line.
      await fs.appendFile(file, `${JSON.stringify({ to, text, at: new Date().toISOString() })}\n`, { encoding: "utf8", mode: 0o600 });
    },
  };
}

export function httpProvider(url: string, token: string | undefined, sign: string, fetchImpl: typeof fetch = fetch): SmsProvider {
  return {
    name: "http",
    async send({ to, text }) {
      const res = await fetchImpl(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ to, text, sign }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new SmsSendError(`短信网关返回 ${res.status}`);
    },
  };
}

export function smsProvider(e: Env = env()): SmsProvider {
  if (e.SMS_PROVIDER === "http") {
    if (!e.SMS_HTTP_URL) throw new SmsSendError("SMS_PROVIDER=http 需要设置 SMS_HTTP_URL");
    return httpProvider(e.SMS_HTTP_URL, e.SMS_HTTP_TOKEN, e.SMS_SIGN_NAME);
  }
  return outboxProvider(smsOutboxPath(e));
}

/** Sends one text through the configured provider, prefixed with the SMS signature 【…】. */
export async function sendSms(msg: SmsMessage): Promise<void> {
  const e = env();
  const text = e.SMS_PROVIDER === "http" ? msg.text : `【${e.SMS_SIGN_NAME}】${msg.text}`;
  await smsProvider(e).send({ to: msg.to, text });
  if (e.PHONE_CODE_LOG) console.log(`[sms] to ***${msg.to.slice(-4)}: ${text}`);
}

/** The outbox's messages to one number, newest last (tests and the demo). */
export async function readOutbox(to?: string, file = smsOutboxPath()): Promise<{ to: string; text: string; at: string }[]> {
  const raw = await fs.readFile(file, "utf8").catch(() => "");
  const all = raw
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { to: string; text: string; at: string });
  return to ? all.filter((m) => m.to === to) : all;
}

/** The last 6-digit code sent to a number through the outbox, or null. */
export async function lastOutboxCode(to: string, file = smsOutboxPath()): Promise<string | null> {
  const msgs = await readOutbox(to, file);
  const m = msgs.length ? /(\d{6})/.exec(msgs[msgs.length - 1]!.text) : null;
  return m ? m[1]! : null;
}
