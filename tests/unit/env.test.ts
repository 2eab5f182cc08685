import { describe, expect, it } from "vitest";
import { envSchema, isMemoryDataDir } from "@/lib/platform/env";

const parse = (e: Record<string, string | undefined>) => envSchema.safeParse(e);

describe("envSchema", () => {
  it("starts with no configuration at all, on safe defaults", () => {
    expect(envSchema.parse({})).toEqual({
      NODE_ENV: "development",
      PORT: 3000,
      RIPPLE_DATA_DIR: ".data",
      DATABASE_POOL_MAX: 10,
      TRUSTED_PROXY_HOPS: 0,
      RIPPLE_WORKERS: "inline",
      RIPPLE_OUTBOUND_ALLOW_PRIVATE: "0",
      LOG_LEVEL: "info",
      SMTP_FROM: "Ripple <no-reply@ripple.local>",
      SLACK_API_URL: "https://slack.com/api/",
    });
  });

  it("runs background jobs inline or off, and says so for anything else", () => {
    expect(envSchema.parse({ RIPPLE_WORKERS: "off" }).RIPPLE_WORKERS).toBe("off");
    const bad = envSchema.safeParse({ RIPPLE_WORKERS: "separate" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("RIPPLE_WORKERS must be inline or off");
  });

  it("ignores unrelated variables", () => {
    const parsed = envSchema.parse({ PATH: "/usr/bin", HOME: "/root" });
    expect(parsed).not.toHaveProperty("PATH");
  });

  it.each([
    ["PORT", "8080", 8080],
    ["PORT", "1", 1],
    ["PORT", "65535", 65535],
    ["DATABASE_POOL_MAX", "25", 25],
    ["RIPPLE_DATA_DIR", "  /var/lib/ripple  ", "/var/lib/ripple"],
    ["RIPPLE_DATA_DIR", "memory://", "memory://"],
    ["NODE_ENV", "production", "production"],
    ["LOG_LEVEL", "debug", "debug"],
    ["TRUSTED_PROXY_HOPS", "0", 0],
    ["TRUSTED_PROXY_HOPS", "1", 1],
    ["TRUSTED_PROXY_HOPS", " 2 ", 2],
  ])("reads %s=%j as %j", (name, value, expected) => {
    const result = parse({ [name]: value });
    expect(result.success).toBe(true);
    expect(result.data?.[name as keyof typeof result.data]).toEqual(expected);
  });

  it.each([
    ["PORT", "0"],
    ["PORT", "65536"],
    ["PORT", "80.5"],
    ["PORT", "http"],
    ["DATABASE_POOL_MAX", "0"],
    ["DATABASE_POOL_MAX", "201"],
    ["NODE_ENV", "staging"],
    ["LOG_LEVEL", "verbose"],
    ["RIPPLE_SEED_DEMO", "yes"],
    ["TRUSTED_PROXY_HOPS", "-1"],
    ["TRUSTED_PROXY_HOPS", "1.5"],
    ["TRUSTED_PROXY_HOPS", "true"],
    ["TRUSTED_PROXY_HOPS", "11"],
  ])("refuses %s=%j, naming the variable", (name, value) => {
    const result = parse({ [name]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual([name]);
  });

  it.each(["postgres://ripple:pw@db:5432/ripple", "postgresql://ripple@localhost/ripple?sslmode=require", "  postgres://db/ripple  "])(
    "accepts DATABASE_URL=%j",
    (url) => {
      expect(parse({ DATABASE_URL: url }).data?.DATABASE_URL).toBe(url.trim());
    },
  );

  it.each(["mysql://db/ripple", "postgres:/db/ripple", "file:./dev.db", "http://db:5432/ripple", "db:5432", " pg://db/ripple"])(
    "refuses DATABASE_URL=%j with a readable message",
    (url) => {
      const result = parse({ DATABASE_URL: url });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(["DATABASE_URL"]);
      expect(result.error?.issues[0]?.message).toBe("DATABASE_URL must start with postgres:// or postgresql://");
    },
  );

  it.each(["DATABASE_URL", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_DISPLAY_NAME"])(
    "treats an empty or blank %s as unset",
    (name) => {
      for (const value of ["", "   "]) {
        const result = parse({ [name]: value });
        expect(result.success).toBe(true);
        expect(result.data?.[name as keyof typeof result.data]).toBeUndefined();
      }
    },
  );

  it("reads a replica URL beside DATABASE_URL", () => {
    const primary = "postgresql://ripple@pgbouncer:6432/ripple";
    const parsed = parse({ DATABASE_URL: primary, DATABASE_REPLICA_URL: " postgresql://ripple@replica/ripple " });
    expect(parsed.data).toMatchObject({ DATABASE_URL: primary, DATABASE_REPLICA_URL: "postgresql://ripple@replica/ripple" });
  });

  it.each([
    ["DATABASE_REPLICA_URL", "the primary server"],
    ["DATABASE_DIRECT_URL", "the database it reaches directly"],
  ])("refuses %s without DATABASE_URL, and one that is not a PostgreSQL URL", (name, what) => {
    const alone = parse({ [name]: "postgresql://db/ripple" });
    expect(alone.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([[name, `${name} needs DATABASE_URL (${what})`]]);
    const wrong = parse({ DATABASE_URL: "postgresql://db/ripple", [name]: "mysql://db/ripple" });
    expect(wrong.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([[name, `${name} must start with postgres:// or postgresql://`]]);
    expect(parse({ [name]: "  " }).success).toBe(true);
  });

  it("trims optional strings that are set", () => {
    expect(parse({ NEXTAUTH_SECRET: "  abc  ", OIDC_DISPLAY_NAME: " Acme SSO " }).data).toMatchObject({
      NEXTAUTH_SECRET: "abc",
      OIDC_DISPLAY_NAME: "Acme SSO",
    });
  });

  it("reports every bad variable at once", () => {
    const result = parse({ PORT: "0", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud" });
    expect(result.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["DATABASE_URL", "LOG_LEVEL", "PORT"]);
  });
});

describe("isMemoryDataDir", () => {
  it.each([
    ["memory://", true],
    [".data", false],
    ["memory", false],
    ["/memory://", false],
  ])("%j → %s", (dir, expected) => {
    expect(isMemoryDataDir(dir)).toBe(expected);
  });
});

describe("empty variables mean the default", () => {
  it.each(["PORT", "DATABASE_POOL_MAX", "RIPPLE_DATA_DIR", "NODE_ENV", "LOG_LEVEL", "RIPPLE_SEED_DEMO"])('%s="" falls back to its default', (name) => {
    const parsed = envSchema.safeParse({ [name]: "" });
    expect(parsed.success).toBe(true);
    const defaults = envSchema.parse({});
    expect(parsed.data).toEqual(defaults);
  });
});

describe("e-mail settings", () => {
  it.each([
    ["smtp://user:pass@mail.example.com:587", true],
    ["smtps://mail.example.com", true],
    ["http://mail.example.com", false],
  ])("SMTP_URL=%s is %s", (value, ok) => {
    expect(envSchema.safeParse({ SMTP_URL: value }).success).toBe(ok);
  });
});
