// Prisma's schema engine, run as WebAssembly so that migrations work offline (no binary
// download). It applies and diffs migrations in Prisma's own format, so the same
// prisma/migrations folder is accepted by plain `prisma migrate deploy` elsewhere.
// Used by scripts and tests only; the web app never loads it.
import { readFile, readdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
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
    const { instance } = (await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": mod as unknown as WebAssembly.ModuleImports })) as unknown as WebAssembly.WebAssemblyInstantiatedSource;
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

type ScriptAdapter = { executeScript(script: string): Promise<void>; underlyingDriver?: () => unknown; adapterName?: string };

/**
 * The pg adapter runs a migration script by splitting it at every ";", which breaks
 * functions ($$ … $$ bodies) and comments. PostgreSQL's simple query protocol runs a whole
 * script in one round trip, as `prisma migrate deploy` does: use that instead.
 */
function wholeScripts<T extends object>(adapter: T): T {
  const a = adapter as T & ScriptAdapter;
  const driver = a.underlyingDriver?.() as { query?: (sql: string) => Promise<unknown> } | undefined;
  if (a.adapterName === "@prisma/adapter-pg" && typeof driver?.query === "function") {
    a.executeScript = async (script: string) => {
      await driver.query!(script);
    };
  }
  return adapter;
}

function scriptSafeFactory(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wholeScripts(await factory.connect()),
    connectToShadowDb: async () => wholeScripts(await factory.connectToShadowDb()),
  };
}

async function withEngine<T>(schemaPath: string, factory: SqlMigrationAwareDriverAdapterFactory, run: (engine: Engine) => Promise<T>): Promise<T> {
  const mod = await loadEngineModule();
  const files = await schemaFiles(schemaPath);
  const engine = await mod.SchemaEngine.new(
    { datamodels: files.map((f) => [f.path, f.content]) },
    () => {},
    bindMigrationAwareSqlAdapterFactory(scriptSafeFactory(factory)),
  );
  try {
    return await run(engine);
  } finally {
    engine.free();
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
