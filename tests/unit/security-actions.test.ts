import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * ROUTE ENUMERATION, part 2 — server actions (part 1, route handlers and pages against a running
 * production build, is e2e/security.spec.ts).
 *
 * Every server action in the code base is found automatically: each file whose first statement is
 * "use server" (all its exports are actions) and each function with an inline "use server". Each must
 * authenticate FIRST: its first awaited statement is a guard from lib/auth — requireArea/
 * requireUser/require*(…) — or getCurrentUser() immediately followed by an `if (!user …)` refusal,
 * or a helper in the same file that itself starts that way; statements before it may not await
 * (only synchronous reads of the form). An action made by the wrapper `serverAction(…)` guards by
 * construction (lib/auth/action.ts); one made by `publicAction(…)` must be on the public list.
 * A new action without such a check fails CI.
 *
 * Chosen over POSTing with `Next-Action` ids: an anonymous action call answers 200/500/303 depending
 * on how the action reports the refusal, which proves little; the static rule is exact and also
 * covers actions no page renders yet.
 */
const ROOT = path.resolve(__dirname, "../..");

/** Deliberately public actions, each with the reason. */
const PUBLIC_ACTIONS: Record<string, string> = {
  // Sets only the caller's own language cookie to a known locale; touches no data (login page too).
  "lib/i18n/actions.ts#setLocale": "language preference cookie",
  // Public 找活动 page (/activities): sign-up with name + phone of a registered volunteer, phone
  // code request and redemption with a one-time code; rate-limited per address (gate()).
  "lib/activities/public-actions.ts#publicSignupAction": "public activity sign-up",
  "lib/activities/public-actions.ts#requestCodeAction": "public one-time phone code",
  "lib/activities/public-actions.ts#publicRedeemAction": "public redemption with phone + code",
  // Volunteer sign-in (/me/login): a code by SMS (same answer for any number, limited per address and
  // per phone) and phone + code → the volunteer session; limited per address (lib/me/limits.ts).
  "lib/me/actions.ts#meRequestCodeAction": "volunteer sign-in code",
  "lib/me/actions.ts#meSignInAction": "volunteer sign-in with phone + code",
};

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name.startsWith(".")) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(e.name) && !e.name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

type Fn = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression;

function hasUseServer(body: ts.Block | ts.SourceFile): boolean {
  const first = body.statements[0];
  return !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use server";
}

function guardCallName(stmt: ts.Statement | undefined): { name: string; bound?: string } | null {
  if (!stmt) return null;
  let expr: ts.Expression | undefined;
  let bound: string | undefined;
  if (ts.isVariableStatement(stmt)) {
    const d = stmt.declarationList.declarations[0];
    expr = d?.initializer;
    if (d && ts.isIdentifier(d.name)) bound = d.name.text;
  } else if (ts.isExpressionStatement(stmt)) expr = stmt.expression;
  if (!expr || !ts.isAwaitExpression(expr) || !ts.isCallExpression(expr.expression)) return null;
  const callee = expr.expression.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : "";
  return name ? { name, bound } : null;
}

function statementsOf(fn: Fn): readonly ts.Statement[] {
  return fn.body && ts.isBlock(fn.body) ? fn.body.statements.filter((s) => !(ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression))) : [];
}

function containsAwait(n: ts.Node): boolean {
  if (ts.isAwaitExpression(n)) return true;
  if (ts.isFunctionLike(n)) return false; // a nested function's awaits do not run here
  return ts.forEachChild(n, containsAwait) ?? false;
}

function guarded(fn: Fn, locals: Map<string, Fn>, depth = 0): boolean {
  const stmts = statementsOf(fn);
  // Statements before the guard may only read the form synchronously (e.g. compute a redirect
  // path); the FIRST awaited operation — all database and request I/O here is async — must be it.
  const at = stmts.findIndex(containsAwait);
  if (at < 0) return false;
  const g = guardCallName(stmts[at]);
  if (!g) return false;
  if (/^require[A-Z]/.test(g.name)) return true;
  if (g.name === "getCurrentUser") {
    const next = stmts[at + 1];
    return !!next && !!g.bound && ts.isIfStatement(next) && new RegExp(`!\\s*${g.bound}\\b`).test(next.expression.getText());
  }
  const local = locals.get(g.name);
  return !!local && depth < 3 && guarded(local, locals, depth + 1);
}

function collect(): { id: string; ok: boolean }[] {
  const out: { id: string; ok: boolean }[] = [];
  for (const file of ["app", "lib", "components"].flatMap((d) => walk(path.join(ROOT, d)))) {
    const text = fs.readFileSync(file, "utf8");
    if (!text.includes("use server")) continue;
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const rel = path.relative(ROOT, file);
    const locals = new Map<string, Fn>();
    for (const s of sf.statements) {
      if (ts.isFunctionDeclaration(s) && s.name) locals.set(s.name.text, s);
      if (ts.isVariableStatement(s))
        for (const d of s.declarationList.declarations)
          if (ts.isIdentifier(d.name) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) locals.set(d.name.text, d.initializer);
    }
    const fileLevel = hasUseServer(sf);
    if (fileLevel) {
      for (const s of sf.statements) {
        const exported = ts.getModifiers(s as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
        if (!exported) continue;
        if (ts.isFunctionDeclaration(s) && s.name) out.push({ id: `${rel}#${s.name.text}`, ok: guarded(s, locals) });
        else if (ts.isVariableStatement(s))
          for (const d of s.declarationList.declarations) {
            const init = d.initializer;
            const fn = init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? init : undefined;
            // A non-function export from a "use server" file is a build error anyway; types are erased.
            if (fn && ts.isIdentifier(d.name)) out.push({ id: `${rel}#${d.name.text}`, ok: guarded(fn, locals) });
            // The wrapper (lib/auth/action.ts): serverAction guards first by construction;
            // publicAction is public on purpose and must be on the commented list below.
            else if (init && ts.isCallExpression(init) && ts.isIdentifier(d.name) && ts.isIdentifier(init.expression)) {
              const wrapper = init.expression.text;
              if (wrapper === "serverAction" || wrapper === "publicAction") out.push({ id: `${rel}#${d.name.text}`, ok: wrapper === "serverAction" });
            }
          }
      }
    }
    // Inline actions: any function whose body starts with "use server".
    const visit = (n: ts.Node) => {
      if ((ts.isFunctionDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && n.body && ts.isBlock(n.body) && hasUseServer(n.body)) {
        const name = ts.isFunctionDeclaration(n) && n.name ? n.name.text : `inline@${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
        out.push({ id: `${rel}#${name}`, ok: guarded(n, locals) });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

describe("every server action authenticates first (static enumeration)", () => {
  const actions = collect();

  it("finds the server actions of the code base", () => {
    // Sanity: the enumeration sees actions we know exist, so an empty scan cannot pass silently.
    const ids = actions.map((a) => a.id);
    expect(ids).toContain("lib/admin/actions.ts#createAccount");
    expect(ids).toContain("lib/security/actions.ts#saveSecuritySettings");
    expect(actions.length).toBeGreaterThan(10);
  });

  it("each one starts with an auth guard from lib/auth (or is on the commented public list)", () => {
    const bad = actions.filter((a) => !a.ok && !(a.id in PUBLIC_ACTIONS)).map((a) => a.id);
    expect(bad, `server actions without an auth guard as their first statement:\n${bad.join("\n")}`).toEqual([]);
  });

  it("the guard rule itself rejects an unguarded action", () => {
    const src = [
      `"use server";`,
      `export async function leak(fd: FormData) { const db = await getDb(); return db; }`,
      `export async function ok() { const u = await requireArea("tasks"); return u; }`,
      `export async function late(fd: FormData) { const id = Number(fd.get("id")); await remove(id); await requireArea("tasks"); }`,
      `export async function pathFirst(fd: FormData) { const p = "/x"; const u = await requireUser(); return [p, u]; }`,
      `export async function unchecked() { const u = await getCurrentUser(); return u; }`,
      `export async function checked() { const u = await getCurrentUser(); if (!u) throw new Error("x"); return u; }`,
    ].join("\n");
    const sf = ts.createSourceFile("x.ts", src, ts.ScriptTarget.Latest, true);
    const fns = sf.statements.filter(ts.isFunctionDeclaration);
    expect(fns.map((f) => guarded(f, new Map()))).toEqual([false, true, false, true, false, true]);
  });
});
