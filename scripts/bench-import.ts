// `npm run bench:import -- [--stories 100000] [--seed 1] [--archive FILE] [--target DIR|memory://]`
// Times the organisation import (`npm run db:import`, lib/db/org-archive.ts importOrganization)
// at scale, on PGlite: a synthetic organisation (generated, or reused by slug, in RIPPLE_DATA_DIR
// when that names a folder, else in memory) is written to an archive file (or --archive names
// one already written), then loaded into a new, empty embedded database (a temporary folder, or
// --target), timed per section and in total, with the rollup refresh at the end. Target: ≤ 30 s
// at 100k stories.
import { createReadStream, createWriteStream, existsSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { deployPendingMigrations } from "../lib/db/migrate";
import { importOrganization, organizationArchiveText } from "../lib/db/org-archive";
import { checkpoint, databaseConfig, openDatabase } from "../lib/db/prisma";
import { installDatabase } from "../lib/db/registry";
import { argValue, generateOrganization } from "./generate-org";

const args = process.argv.slice(2);
const stories = Number(argValue(args, "stories") ?? 100_000);
const seed = Number(argValue(args, "seed") ?? 1);
const archiveArg = argValue(args, "archive");
const targetArg = argValue(args, "target");
const dataDirEnv = process.env.RIPPLE_DATA_DIR;
const s = (ms: number) => (ms / 1000).toFixed(1);

async function writeArchive(file: string): Promise<void> {
  const dataDir = dataDirEnv && dataDirEnv !== "memory://" ? dataDirEnv : "memory://";
  const source = openDatabase(databaseConfig({ dataDir }));
  installDatabase(source);
  try {
    await deployPendingMigrations(source);
    const gen = await generateOrganization(source, { stories, seed });
    const started = performance.now();
    // Written beside, then renamed: a run cut short leaves no archive to reuse by mistake.
    const part = `${file}.part`;
    const out = createWriteStream(part, { mode: 0o600 });
    await source.prisma.$transaction(
      async (tx) => {
        for await (const text of organizationArchiveText(tx, gen.organizationId)) if (!out.write(text)) await once(out, "drain");
      },
      { timeout: 30 * 60_000, maxWait: 60_000 },
    );
    out.end();
    await once(out, "finish");
    renameSync(part, file);
    console.log(`archive of ${gen.slug} (${stories} stories) written in ${s(performance.now() - started)} s: ${file}`);
  } finally {
    await source.close();
  }
}

async function main() {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "ripple-bench-import-"));
  try {
    const archive = archiveArg ?? path.join(scratch, "archive.json");
    if (!archiveArg || !existsSync(archive)) await writeArchive(archive);
    const targetDir = targetArg ?? path.join(scratch, "target");
    const target = openDatabase(databaseConfig({ dataDir: targetDir }));
    installDatabase(target);
    try {
      await deployPendingMigrations(target);
      const sections: string[] = [];
      const started = performance.now();
      const summary = await importOrganization(target.prisma, createReadStream(archive, { highWaterMark: 1 << 20 }), {
        onSection: (section, records, ms) => {
          sections.push(`| ${section.padEnd(13)} | ${String(records).padStart(8)} | ${s(ms).padStart(6)} |`);
        },
        onStep: (step, ms) => {
          sections.push(`| ${(step === "search" ? "(search docs)" : "(rollups)").padEnd(13)} | ${"".padStart(8)} | ${s(ms).padStart(6)} |`);
        },
      });
      const total = performance.now() - started;
      await checkpoint(target);
      console.log(`\nImport into an empty PGlite (${targetDir === "memory://" ? "memory" : "disk"}), ${summary.counts.stories} stories:`);
      console.log("| section       | records  | time s |");
      console.log("|---------------|----------|--------|");
      for (const line of sections) console.log(line);
      console.log(
        `\nTotal: ${s(total)} s (reading, checking and inserting, then the search documents and the rollups built once; target ≤ 30 s at 100k stories)`,
      );
    } finally {
      await target.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
