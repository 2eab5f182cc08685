// The inventory of entry points: every server action module ("use server", in lib/actions, one
// per feature) and every route handler in app/. The inventory test checks that each is built by
// the wrappers, and the hostile-input sweep calls each one, so a new entry point joins both
// without being listed.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(".");
export const APP = path.resolve("app");
/** Where server actions live. */
export const ACTIONS = path.resolve("lib/actions");

/**
 * How many server actions there were when they moved from app/ to lib/actions (43 in 10 files).
 * The inventory and the sweep must find at least these: fewer means they lost some.
 */
export const ACTIONS_AT_LEAST = 44;

/** Route handlers that are not ours to wrap, each with its reason. */
export const NOT_WRAPPED: Record<string, string> = {
  "api/auth/[...nextauth]/route.ts": "next-auth's own sign-in, sign-out, session and CSRF endpoints",
};

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const sources = (dir: string) => walk(dir).filter((f) => /\.(ts|tsx)$/.test(f));
const isActionModule = (f: string) => /^\s*["']use server["']/.test(readFileSync(f, "utf8"));
const appFiles = sources(APP);

/** Files of server actions, absolute paths: every "use server" module in lib/actions, and any in app/ (where none belongs). */
export const actionFiles = [...sources(ACTIONS), ...appFiles].filter(isActionModule);
/** Server action modules found in app/: none, app/ holds routes only. */
export const actionFilesInApp = appFiles.filter(isActionModule);
/** Route handler files, absolute paths. */
export const routeFiles = appFiles.filter((f) => /(^|\/)route\.ts$/.test(f));

/** A file's name in messages and test names: its path in the project ("lib/actions/stories.ts"). */
export function entryName(file: string): string {
  return path.relative(ROOT, file);
}

/** The dynamic segments of a route file's path: `api/stories/[storyId]/evidence/route.ts` → ["storyId"]. */
export function routeParams(file: string): string[] {
  return [...path.relative(APP, file).matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]!);
}

/** The address a route file serves, with its dynamic segments filled in. */
export function routePath(file: string, params: Record<string, string>): string {
  const rel = path
    .relative(APP, path.dirname(file))
    .split(path.sep)
    .filter((s) => !/^\(.*\)$/.test(s));
  return (
    "/" +
    rel
      .map((s) => s.replace(/^\[(?:\.\.\.)?([^\]]+)\]$/, (_m, name: string) => encodeURIComponent((params[name] ?? "").replace(/[\ud800-\udfff]/g, "\ufffd"))))
      .join("/")
  );
}
