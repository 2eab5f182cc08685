// Prisma's schema engine, run as WebAssembly so that migrations work offline (no binary
// download). It applies and diffs migrations in Prisma's own format, so the same
// prisma/migrations folder is accepted by plain `prisma migrate deploy` elsewhere.
// Used by scripts and tests only; the web app never loads it.
import { readFile, readdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";

type Engine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};
type EngineModule = {
  __wbg_set_wasm(exports: unknown): void;
  SchemaEngine: { new: (options: unknown, log: (msg: string) => void, adapter: object) => Promise<Engine> };
};

const require = createRequire(import.meta.url);
let enginePromise: Promise<EngineModule> | undefined;

/** Loads the WebAssembly engine once per process. */
function loadEngineModule(): Promise<EngineModule> {
  enginePromise ??= (async () => {
    const jsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const mod = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as unknown as EngineModule;
    const bytes = await readFile(path.join(path.dirname(jsPath), "schema_engine_bg.wasm"));
    const { instance } = (await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": mod as unknown as WebAssembly.ModuleImports,
    })) as unknown as WebAssembly.WebAssemblyInstantiatedSource;
    mod.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return mod;
  })();
  return enginePromise;
}

export const MIGRATIONS_DIR = path.resolve("prisma", "migrations");
export const SCHEMA_PATH = path.resolve("prisma", "schema.prisma");
const filters = { externalTables: [], externalEnums: [] };

async function schemaFiles(schemaPath: string) {
  return [{ path: schemaPath, content: await readFile(schemaPath, "utf8") }];
}

type ScriptAdapter = {
  executeScript(script: string): Promise<void>;
  executeRaw(query: { sql: string }): Promise<number>;
  underlyingDriver?: () => unknown;
  adapterName?: string;
};

/** The engine's own lock statement, run once at the start of a deployment. */
const ENGINE_LOCK = /^\s*SELECT pg_advisory_lock\((\d{1,19})\)\s*;?\s*$/i;
/** As long as the engine waits for its lock before giving up. */
const LOCK_TIMEOUT = "10s";

/**
 * Migration locks held for one engine run, released when it ends.
 *
 * Prisma's engine serialises deployments with a session-level advisory lock (`SELECT
 * pg_advisory_lock(72707369)`) that it never releases: it counts on its connection closing.
 * Behind PgBouncer in transaction pooling, that statement runs on whichever server connection
 * PgBouncer lends for it, which goes back to the pool still holding the lock when the
 * deployment ends; the next deployment then waits 10 s for it and fails. So the lock is taken
 * instead as a transaction lock, inside a transaction held open on a connection of its own for
 * the whole run (a transaction keeps its server connection, also behind PgBouncer), and
 * released by ending that transaction: the same guarantee, on a direct connection or not.
 */
class MigrationLocks {
  private held: pg.Client[] = [];

  async acquire(options: pg.ClientConfig, key: string): Promise<void> {
    const client = new pg.Client(options);
    await client.connect();
    try {
      await client.query("BEGIN");
      await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
      await client.query(`SELECT pg_advisory_xact_lock(${key})`);
    } catch (error) {
      await client.end().catch(() => {});
      const code = (error as { code?: unknown }).code;
      if (code === "55P03") throw new Error(`Another deployment is applying migrations: gave up waiting for it after ${LOCK_TIMEOUT}.`);
      throw error;
    }
    this.held.push(client);
  }

  async releaseAll(): Promise<void> {
    const held = this.held.splice(0);
    await Promise.all(
      held.map(async (client) => {
        await client.query("COMMIT").catch(() => {});
        await client.end().catch(() => {});
      }),
    );
  }
}

/**
 * The pg adapter runs a migration script by splitting it at every ";", which breaks
 * functions ($$ … $$ bodies) and comments. PostgreSQL's simple query protocol runs a whole
 * script in one round trip, as `prisma migrate deploy` does: use that instead. And the
 * engine's migration lock becomes one that works behind PgBouncer (MigrationLocks).
 */
function wholeScripts<T extends object>(adapter: T, locks: MigrationLocks): T {
  const a = adapter as T & ScriptAdapter;
  const driver = a.underlyingDriver?.() as { query?: (sql: string) => Promise<unknown>; options?: pg.ClientConfig } | undefined;
  if (a.adapterName === "@prisma/adapter-pg" && typeof driver?.query === "function") {
    a.executeScript = async (script: string) => {
      await driver.query!(script);
    };
    const executeRaw = a.executeRaw.bind(a);
    a.executeRaw = async (query) => {
      const lock = ENGINE_LOCK.exec(query.sql);
      if (!lock || !driver.options) return executeRaw(query);
      await locks.acquire(driver.options, lock[1]!);
      return 1;
    };
  }
  return adapter;
}

function scriptSafeFactory(factory: SqlMigrationAwareDriverAdapterFactory, locks: MigrationLocks): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wholeScripts(await factory.connect(), locks),
    connectToShadowDb: async () => wholeScripts(await factory.connectToShadowDb(), locks),
  };
}

async function withEngine<T>(schemaPath: string, factory: SqlMigrationAwareDriverAdapterFactory, run: (engine: Engine) => Promise<T>): Promise<T> {
  const mod = await loadEngineModule();
  const files = await schemaFiles(schemaPath);
  const locks = new MigrationLocks();
  const engine = await mod.SchemaEngine.new(
    { datamodels: files.map((f) => [f.path, f.content]) },
    () => {},
    bindMigrationAwareSqlAdapterFactory(scriptSafeFactory(factory, locks)),
  );
  try {
    return await run(engine);
  } finally {
    engine.free();
    await locks.releaseAll();
  }
}

/** Reads the migrations folder in the shape the engine expects. */
export async function readMigrationsList(migrationsDir = MIGRATIONS_DIR) {
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  const lockContent = await readFile(lockPath, "utf8").catch(() => null);
  const names = (await readdir(migrationsDir).catch(() => [] as string[])).sort();
  const migrationDirectories = [];
  for (const name of names) {
    const dir = path.join(migrationsDir, name);
    if (!(await stat(dir)).isDirectory()) continue;
    const value = await readFile(path.join(dir, "migration.sql"), "utf8");
    migrationDirectories.push({ path: name, migrationFile: { path: "migration.sql", content: { tag: "ok", value } } });
  }
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/** `migrate deploy`: applies pending migrations and returns the names it applied. */
export async function applyMigrations(
  factory: SqlMigrationAwareDriverAdapterFactory,
  options: { migrationsDir?: string; schemaPath?: string } = {},
): Promise<string[]> {
  const migrationsList = await readMigrationsList(options.migrationsDir);
  return withEngine(options.schemaPath ?? SCHEMA_PATH, factory, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList, filters });
    return out.appliedMigrationNames;
  });
}

/**
 * `migrate dev` without a shadow server: applies the existing migrations to a throw-away
 * in-memory PGlite, then diffs that database against the schema. Returns "" when in sync.
 */
export async function diffSchemaAgainstMigrations(options: { migrationsDir?: string; schemaPath?: string } = {}): Promise<string> {
  const schemaPath = options.schemaPath ?? SCHEMA_PATH;
  const scratch = new PGlite();
  try {
    const factory = new PrismaPGlite(scratch);
    await applyMigrations(factory, { ...options, schemaPath });
    const files = await schemaFiles(schemaPath);
    return await withEngine(schemaPath, factory, async (engine) => {
      const out = await engine.diff({
        from: { tag: "schemaDatasource", files, configDir: path.dirname(schemaPath) },
        to: { tag: "schemaDatamodel", files },
        script: true,
        exitCode: null,
        filters,
      });
      const sql = out.stdout ?? "";
      return /^\s*(--.*\n?)*\s*$/.test(sql) || sql.includes("-- This is an empty migration.") ? "" : sql;
    });
  } finally {
    await scratch.close();
  }
}
