// The environment, parsed once with zod. Every setting has a safe default so that Ripple
// starts with no configuration at all (embedded PGlite under .data/).
import path from "node:path";
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const settings = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  RIPPLE_DATA_DIR: z.string().trim().min(1).default(".data"),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
      .optional(),
  ),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_REPLICA_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_REPLICA_URL must start with postgres:// or postgresql://")
      .optional(),
  ),
  /** The PostgreSQL server itself when DATABASE_URL goes through PgBouncer: the job queue connects here. */
  DATABASE_DIRECT_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_DIRECT_URL must start with postgres:// or postgresql://")
      .optional(),
  ),
  RIPPLE_SEED_DEMO: z.enum(["true", "false"]).optional(),
  NEXTAUTH_SECRET: optionalString,
  NEXTAUTH_URL: optionalString,
  /** How many reverse proxies stand in front of Ripple and append to X-Forwarded-For; 0: believe no forwarding header. */
  TRUSTED_PROXY_HOPS: z.coerce
    .number({ message: "TRUSTED_PROXY_HOPS must be a whole number of proxies (0 when none)" })
    .int("TRUSTED_PROXY_HOPS must be a whole number of proxies (0 when none)")
    .min(0, "TRUSTED_PROXY_HOPS cannot be negative")
    .max(10, "TRUSTED_PROXY_HOPS is at most 10")
    .default(0),
  /** Where the background jobs run: `inline` in each server process, `off`: only in `npm run worker` processes (PostgreSQL only). */
  RIPPLE_WORKERS: z.enum(["inline", "off"], { message: "RIPPLE_WORKERS must be inline or off" }).default("inline"),
  /**
   * Webhooks and the LRS: `1` lets them reach private, loopback and link-local addresses and
   * plain http (tests and development only; refused when NODE_ENV=production). Default: off.
   */
  RIPPLE_OUTBOUND_ALLOW_PRIVATE: z.enum(["0", "1"], { message: "RIPPLE_OUTBOUND_ALLOW_PRIVATE must be 0 or 1" }).default("0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SMTP_URL: optionalString.pipe(
    z
      .string()
      .regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://")
      .optional(),
  ),
  SMTP_FROM: z.string().trim().min(3).default("Ripple <no-reply@ripple.local>"),
  OIDC_ISSUER: optionalString,
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_DISPLAY_NAME: optionalString,
  /** Chat capture for a single-organisation install (an admin can set the same per organisation instead). */
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_TEAM_ID: optionalString,
  /** Where Ripple calls Slack's Web API (tests point it at a local stub). */
  SLACK_API_URL: z.string().trim().url("SLACK_API_URL must be a URL").default("https://slack.com/api/"),
  /** The security token Teams shows when an outgoing webhook is created (base64), and the Microsoft Entra tenant id it belongs to. */
  TEAMS_WEBHOOK_TOKEN: optionalString,
  TEAMS_TENANT_ID: optionalString,
});

/** A replica (or a direct URL) is one of the PostgreSQL server of DATABASE_URL: alone it means nothing. */
const consistent = settings.superRefine((e, ctx) => {
  if (e.DATABASE_REPLICA_URL && !e.DATABASE_URL)
    ctx.addIssue({ code: "custom", path: ["DATABASE_REPLICA_URL"], message: "DATABASE_REPLICA_URL needs DATABASE_URL (the primary server)" });
  if (e.DATABASE_DIRECT_URL && !e.DATABASE_URL)
    ctx.addIssue({ code: "custom", path: ["DATABASE_DIRECT_URL"], message: "DATABASE_DIRECT_URL needs DATABASE_URL (the database it reaches directly)" });
});

/** An empty variable (`PORT=` in a .env file) means "use the default", for every setting. */
export const envSchema = z.preprocess(
  (raw) => Object.fromEntries(Object.entries((raw ?? {}) as Record<string, unknown>).filter(([, v]) => !(typeof v === "string" && v.trim() === ""))),
  consistent,
);

export type Env = z.infer<typeof settings>;

let cached: Env | undefined;

/** Parses process.env once. Throws a readable error naming each bad variable. */
export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** In-memory PGlite (tests) when the data directory is "memory://". */
export function isMemoryDataDir(dir: string): boolean {
  return dir === "memory://";
}

export function dataDir(e: Env = env()): string {
  return isMemoryDataDir(e.RIPPLE_DATA_DIR) ? e.RIPPLE_DATA_DIR : path.resolve(e.RIPPLE_DATA_DIR);
}

/** The address people use to reach Ripple, without a trailing slash (links in e-mails). */
export function publicUrl(e: Env = env()): string {
  return (e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
}
