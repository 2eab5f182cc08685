// The auth secret: NEXTAUTH_SECRET when set; otherwise generated on first start and kept in
// the data directory (mode 600), so sessions survive restarts with zero configuration.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env, dataDir, isMemoryDataDir } from "@/lib/platform/env";

let cached: string | undefined;

export function authSecret(): string {
  if (cached) return cached;
  const e = env();
  if (e.NEXTAUTH_SECRET) return (cached = e.NEXTAUTH_SECRET);
  const dir = dataDir(e);
  if (isMemoryDataDir(dir)) return (cached = randomBytes(32).toString("base64url"));
  const file = path.join(dir, "auth-secret");
  try {
    cached = readFileSync(file, "utf8").trim();
    if (cached.length >= 32) return cached;
  } catch {
    // first start: create it below
  }
  mkdirSync(dir, { recursive: true });
  cached = randomBytes(32).toString("base64url");
  writeFileSync(file, cached + "\n", { mode: 0o600 });
  return cached;
}
