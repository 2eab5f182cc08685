// The inventory: every server action and every route handler in app/ is found, listed, and
// must be built by the wrappers in lib/server (createAction / createRoute), whose
// `authorize` field cannot be left out. A new entry point built any other way fails here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_BRAND } from "@/lib/server/action";
import { ROUTE_BRAND } from "@/lib/server/route";

const APP = path.resolve("app");
/** Route handlers that are not ours to wrap, each with its reason. */
const NOT_WRAPPED: Record<string, string> = {
  "api/auth/[...nextauth]/route.ts": "next-auth's own sign-in, sign-out, session and CSRF endpoints",
};
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const files = walk(APP).filter((f) => /\.(ts|tsx)$/.test(f));
const actionFiles = files.filter((f) => /^\s*["']use server["']/.test(readFileSync(f, "utf8")));
const routeFiles = files.filter((f) => /(^|\/)route\.ts$/.test(f));

describe("inventory of entry points", () => {
  it("finds the server actions and route handlers, and lists them", () => {
    console.log(`${actionFiles.length} files of server actions, ${routeFiles.length} route handlers:\n  ${[...actionFiles, ...routeFiles].map((f) => path.relative(APP, f)).join("\n  ")}`);
    expect(actionFiles.map((f) => path.relative(APP, f))).toEqual(expect.arrayContaining(["(app)/stories/actions.ts", "(auth)/sign-up/actions.ts"]));
    expect(routeFiles.map((f) => path.relative(APP, f))).toEqual(expect.arrayContaining(["api/health/route.ts", "api/auth/[...nextauth]/route.ts"]));
  });

  it.each(actionFiles.map((f) => [path.relative(APP, f), f]))("every export of %s is an action built by createAction", async (_rel, file) => {
    const mod = (await import(file)) as Record<string, unknown>;
    const exported = Object.entries(mod);
    expect(exported.length).toBeGreaterThan(0);
    for (const [name, value] of exported) {
      expect(typeof value, `${name} is a function`).toBe("function");
      expect((value as Record<symbol, unknown>)[ACTION_BRAND], `${name} is built by createAction`).toEqual(expect.any(String));
    }
  });

  it.each(routeFiles.map((f) => [path.relative(APP, f), f]))("every handler of %s is built by createRoute", async (rel, file) => {
    const mod = (await import(file)) as Record<string, unknown>;
    const handlers = Object.entries(mod).filter(([name]) => HTTP_METHODS.includes(name));
    expect(handlers.length).toBeGreaterThan(0);
    if (NOT_WRAPPED[rel]) return;
    for (const [name, value] of handlers) {
      expect((value as Record<symbol, unknown>)[ROUTE_BRAND], `${name} is built by createRoute`).toEqual(expect.any(String));
    }
  });

});
