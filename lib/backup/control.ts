// How `npm run backup` asks the running server for a backup. The embedded database lives inside
// the server's process (one PGlite, on its own locks), so no other process may open its folder
// while the server runs; the server takes the backup itself.
//
// The channel is local and secret-protected: the server listens on a random port of the
// loopback interface only, and writes the port and a random token to `<data folder>/control.json`
// (mode 600, so only the account that runs the server can read it). A request must carry the
// token; it is compared in constant time. The file is removed when the server stops; a file
// whose port no longer answers is what a stopped (or crashed) server leaves.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { z } from "zod";
import type { BackupSummary } from "./backup";

export const CONTROL_FILE = "control.json";

const controlSchema = z.object({ port: z.number().int().min(1).max(65535), token: z.string().regex(/^[0-9a-f]{64}$/), pid: z.number().int() });
export type ControlInfo = z.infer<typeof controlSchema>;

const requestSchema = z.object({
  file: z
    .string()
    .min(1)
    .max(4096)
    .refine((f) => path.isAbsolute(f), "an absolute path"),
});

export type ControlServer = { port: number; close(): Promise<void> };

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from((header ?? "").replace(/^Bearer /, ""), "utf8");
  const expected = Buffer.from(token, "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readBody(req: http.IncomingMessage, limit = 16_384): Promise<string> {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > limit) throw new Error("request too large");
  }
  return body;
}

/**
 * Starts the control channel of a server whose data folder is `dataDir`. `backup(file)` writes
 * a backup to `file`; one at a time.
 */
export async function startControlServer(dataDir: string, backup: (file: string) => Promise<BackupSummary>): Promise<ControlServer> {
  const token = randomBytes(32).toString("hex");
  let running = false;
  const server = http.createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    try {
      if (!tokenMatches(req.headers.authorization, token)) return send(401, { error: "not allowed" });
      if (req.method !== "POST" || req.url !== "/backup") return send(404, { error: "not found" });
      const parsed = requestSchema.safeParse(JSON.parse((await readBody(req)) || "{}"));
      if (!parsed.success) return send(400, { error: `file: ${parsed.error.issues[0]?.message ?? "invalid"}` });
      if (running) return send(409, { error: "a backup is already being taken" });
      running = true;
      try {
        send(200, await backup(parsed.data.file));
      } finally {
        running = false;
      }
    } catch (error) {
      send(500, { error: error instanceof Error ? error.message : "backup failed" });
    }
  });
  // A backup of a large database takes minutes: no request or header timeouts.
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  server.timeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  server.unref(); // never keeps the process alive on its own
  const port = (server.address() as AddressInfo).port;
  const file = path.join(dataDir, CONTROL_FILE);
  const temp = `${file}.${process.pid}`;
  await writeFile(temp, JSON.stringify({ port, token, pid: process.pid } satisfies ControlInfo), { mode: 0o600 });
  await rename(temp, file);
  const removeFile = async () => {
    const current = await readControl(dataDir).catch(() => null);
    if (current?.token === token) await rm(file, { force: true });
  };
  const onExit = () => {
    // Synchronous on exit: only if it is still ours.
    try {
      if ((JSON.parse(readFileSync(file, "utf8")) as ControlInfo).token === token) rmSync(file, { force: true });
    } catch {
      /* already gone */
    }
  };
  process.once("exit", onExit);
  return {
    port,
    close: async () => {
      process.removeListener("exit", onExit);
      await removeFile();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The running server's control channel, as its file says (null without a file). */
export async function readControl(dataDir: string): Promise<ControlInfo | null> {
  const file = path.join(dataDir, CONTROL_FILE);
  if (!existsSync(file)) return null;
  const parsed = controlSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
  return parsed.success ? parsed.data : null;
}

/** The server did not answer: it is not running (the control file is stale). */
export class ServerNotRunning extends Error {}

/** Asks the running server for a backup into `file` (an absolute path); waits as long as it takes. */
export function requestBackup(info: ControlInfo, file: string): Promise<BackupSummary> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ file });
    const req = http.request(
      {
        host: "127.0.0.1",
        port: info.port,
        path: "/backup",
        method: "POST",
        headers: { authorization: `Bearer ${info.token}`, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      async (res) => {
        let text = "";
        for await (const chunk of res) text += chunk;
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          return reject(new Error(`the server answered ${res.statusCode} without a backup`));
        }
        if (res.statusCode === 200) resolve(json as BackupSummary);
        else reject(new Error((json as { error?: string }).error ?? `the server answered ${res.statusCode}`));
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => reject(error.code === "ECONNREFUSED" ? new ServerNotRunning("the server is not running") : error));
    req.end(body);
  });
}

/** Whether a server answers on the control channel of `dataDir`. */
export async function serverRunning(dataDir: string): Promise<boolean> {
  const info = await readControl(dataDir).catch(() => null);
  if (!info) return false;
  return new Promise((resolve) => {
    const req = http.request({ host: "127.0.0.1", port: info.port, path: "/", method: "GET" }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on("error", () => resolve(false));
    req.end();
  });
}
