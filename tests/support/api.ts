// Calls the REST API's route handlers (app/api/v1) in process, as Next.js would: the route file
// is found from the address by the inventory's own list (tests/support/entry-points.ts), its
// dynamic segments become params. Nothing is mocked but the request itself.
import path from "node:path";
import { APP, routeFiles } from "./entry-points";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const API_ROUTES = routeFiles
  .map((file) => {
    const rel = path.relative(APP, path.dirname(file)).split(path.sep);
    const names: string[] = [];
    const pattern = rel.map((s) => {
      const m = /^\[([^\]]+)\]$/.exec(s);
      if (!m) return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(m[1]!);
      return "([^/]+)";
    });
    return { file, names, api: rel.slice(0, 2).join("/") === "api/v1", regex: new RegExp(`^/${pattern.join("/")}$`) };
  })
  .filter((r) => r.api);

export type ApiCall = { status: number; headers: Headers; body: unknown; text: string };

/** Calls `method address` with the token (if any), a JSON body (if any) and extra headers. */
export async function callApi(
  method: string,
  address: string,
  opts: { token?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiCall> {
  const url = new URL(address, "http://localhost");
  const route = API_ROUTES.find((r) => r.regex.test(url.pathname));
  if (!route) throw new Error(`No route serves ${url.pathname}`);
  const match = route.regex.exec(url.pathname)!;
  const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)]));
  const mod = (await import(route.file)) as Record<string, Handler | undefined>;
  const handler = mod[method];
  if (!handler) throw new Error(`${url.pathname} has no ${method}`);
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await handler(new Request(url, { method, headers, ...(body !== undefined ? { body } : {}) }), { params: Promise.resolve(params) });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}
