// `npm run db:import -- archive.json [--set-password admin@example.com] [--database-url …]`
// Loads an organisation archive (the admins' JSON export, /api/reports/json) into an EMPTY Ripple:
// the database of DATABASE_URL, or the embedded one in RIPPLE_DATA_DIR (as `npm start` uses it).
// Applies pending migrations first. Run it before the first `npm start` of a new embedded
// database: that start would otherwise seed the demo organisation, and the database would no
// longer be empty (set RIPPLE_SEED_DEMO=false, or import first).
// The archive carries no passwords. People sign in with single sign-on (same e-mail), or get a
// password here: --set-password EMAIL takes it from RIPPLE_IMPORT_PASSWORD, or asks for it
// (not echoed) when run in a terminal. Nothing of the archive's content is printed, only counts.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { hashPassword } from "../lib/platform/password";
import { ExpectedError } from "../lib/platform/errors";
import { deployPendingMigrations } from "../lib/db/migrate";
import { importOrganization } from "../lib/db/org-archive";
import { checkpoint, databaseConfig, openDatabase } from "../lib/db/prisma";
import { installDatabase } from "../lib/db/registry";
import { dataDir, env } from "../lib/platform/env";
import { passwordSchema } from "../lib/validation/common";
import { argValue } from "./generate-org";

function usage(message?: string): never {
  if (message) console.error(message);
  console.error("Usage: npm run db:import -- archive.json [--set-password email] [--database-url postgresql://…]");
  process.exit(2);
}

async function askHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const answer = new Promise<string>((resolve) => rl.question(question, resolve));
  muted = true;
  const value = await answer;
  rl.close();
  process.stdout.write("\n");
  return value;
}

async function passwordFor(email: string): Promise<string> {
  const fromEnv = process.env.RIPPLE_IMPORT_PASSWORD;
  const password =
    fromEnv ??
    (process.stdin.isTTY ? await askHidden(`New password for ${email}: `) : usage("Set RIPPLE_IMPORT_PASSWORD, or run in a terminal to type the password."));
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) usage(parsed.error.issues[0]!.message);
  return parsed.data;
}

async function main() {
  const args = process.argv.slice(2);
  const valued = new Set(["--set-password", "--database-url"]);
  const file = args.find((a, i) => !a.startsWith("--") && !valued.has(args[i - 1] ?? ""));
  if (!file) usage();
  const size = await stat(file).then(
    (s) => s.size,
    () => usage(`No file ${file}.`),
  );
  const setPasswordFor = argValue(args, "set-password")?.trim().toLowerCase();
  const password = setPasswordFor ? await passwordFor(setPasswordFor) : undefined;

  const e = env();
  const db = openDatabase(databaseConfig({ databaseUrl: argValue(args, "database-url") ?? e.DATABASE_URL, dataDir: dataDir(e), poolMax: 2 }));
  installDatabase(db);
  try {
    const applied = await deployPendingMigrations(db);
    if (applied.length) console.log(`Applied ${applied.length} migration(s).`);
    console.log(
      `Importing ${file} (${(size / 1e6).toFixed(1)} MB) into ${db.kind === "postgres" ? "the PostgreSQL database" : `the embedded database in ${dataDir(e)}`}…`,
    );
    const summary = await importOrganization(db.prisma, createReadStream(file, { highWaterMark: 1 << 20 }));
    console.log(`Imported "${summary.organization.name}" (${summary.organization.slug}) in ${(summary.ms / 1000).toFixed(1)} s:`);
    for (const [section, n] of Object.entries(summary.counts)) console.log(`  ${section.padEnd(14)} ${n}`);
    console.log(`  files written  ${summary.files}${summary.filesMissing ? ` (${summary.filesMissing} file(s) were already missing at export)` : ""}`);
    if (setPasswordFor && password) {
      const updated = await db.prisma.user.updateMany({
        where: { email: setPasswordFor, memberships: { some: { organizationId: summary.organization.id } } },
        data: { passwordHash: await hashPassword(password) },
      });
      console.log(updated.count ? `Set the password of ${setPasswordFor}.` : `No one with the e-mail ${setPasswordFor} in the archive: no password set.`);
    }
    // The embedded database's WAL from the bulk work is recycled now, not at the next start.
    await checkpoint(db);
    console.log(
      `${setPasswordFor ? "Everyone else has" : "Imported people have"} no password: they sign in with single sign-on (same e-mail), or you set one with --set-password.`,
    );
  } catch (error) {
    if (error instanceof ExpectedError) {
      console.error(error.message);
      process.exitCode = 1;
    } else throw error;
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
