// The inventory of entry points: every server action file ("use server") and every route
// handler in app/. The inventory test checks that each is built by the wrappers, and the
// hostile-input sweep calls each one, so a new entry point joins both without being listed.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const APP = path.resolve("app");

/** Route handlers that are not ours to wrap, each with its reason. */
export const NOT_WRAPPED: Record<string, string> = {
  "api/auth/[...nextauth]/route.ts": "next-auth's own sign-in, sign-out, session and CSRF endpoints",
};

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const files = walk(APP).filter((f) => /\.(ts|tsx)$/.test(f));

/** Files of server actions, absolute paths. */
export const actionFiles = files.filter((f) => /^\s*["']use server["']/.test(readFileSync(f, "utf8")));
/** Route handler files, absolute paths. */
export const routeFiles = files.filter((f) => /(^|\/)route\.ts$/.test(f));

/** The dynamic segments of a route file's path: `api/stories/[storyId]/evidence/route.ts` → ["storyId"]. */
export function routeParams(file: string): string[] {
  return [...path.relative(APP, file).matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]!);
}

/** The address a route file serves, with its dynamic segments filled in. */
export function routePath(file: string, params: Record<string, string>): string {
  const rel = path.relative(APP, path.dirname(file)).split(path.sep).filter((s) => !/^\(.*\)$/.test(s));
  return "/" + rel.map((s) => s.replace(/^\[(?:\.\.\.)?([^\]]+)\]$/, (_m, name: string) => encodeURIComponent((params[name] ?? "").replace(/[\ud800-\udfff]/g, "\ufffd")))).join("/");
}
