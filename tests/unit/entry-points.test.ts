// The inventory: every server action (lib/actions) and every route handler (app/) is found,
// listed, and must be built by the wrappers in lib/server (createAction / createRoute), whose
// `authorize` field cannot be left out. A new entry point built any other way fails here.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_BRAND, ACTION_INPUT } from "@/lib/server/action";
import { ROUTE_BRAND } from "@/lib/server/route";
import { ACTIONS_AT_LEAST, APP, HTTP_METHODS, NOT_WRAPPED, actionFiles, actionFilesInApp, entryName, routeFiles } from "../support/entry-points";

describe("inventory of entry points", () => {
  it("finds the server actions and route handlers, and lists them", () => {
    console.log(
      `${actionFiles.length} files of server actions, ${routeFiles.length} route handlers:\n  ${[...actionFiles, ...routeFiles].map(entryName).join("\n  ")}`,
    );
    expect(actionFiles.map(entryName)).toEqual(expect.arrayContaining(["lib/actions/stories.ts", "lib/actions/sign-up.ts"]));
    expect(routeFiles.map((f) => path.relative(APP, f))).toEqual(
      expect.arrayContaining(["api/health/route.ts", "api/ping/route.ts", "api/auth/[...nextauth]/route.ts"]),
    );
  });

  it(`finds every server action: at least ${ACTIONS_AT_LEAST}, all in lib/actions, none left in app/`, async () => {
    const names = (await Promise.all(actionFiles.map(async (f) => Object.keys((await import(f)) as object)))).flat();
    expect(names.length).toBeGreaterThanOrEqual(ACTIONS_AT_LEAST);
    expect(actionFilesInApp.map(entryName)).toEqual([]);
  });

  it.each(actionFiles.map((f) => [entryName(f), f]))("every export of %s is an action built by createAction", async (_rel, file) => {
    const mod = (await import(file)) as Record<string, unknown>;
    const exported = Object.entries(mod);
    expect(exported.length).toBeGreaterThan(0);
    for (const [name, value] of exported) {
      expect(typeof value, `${name} is a function`).toBe("function");
      expect((value as Record<symbol, unknown>)[ACTION_BRAND], `${name} is built by createAction`).toEqual(expect.any(String));
      // The hostile-input sweep (tests/integration/hostile-input-sweep.test.ts) aims at this schema.
      expect((value as Record<symbol, unknown>)[ACTION_INPUT], `${name} carries its input schema`).toHaveProperty("safeParse");
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
