/**
 * Lets a CLI script import lib modules marked `import "server-only"` (the marker throws outside
 * React Server Components): resolves it to an empty module, as the tests' alias does. Import it
 * first.
 */
import Module from "node:module";
import path from "node:path";

const empty = path.resolve(__dirname, "../tests/support/empty.ts");
const m = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const original = m._resolveFilename;
m._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === "server-only" ? empty : original.call(this, request, ...rest);
};
