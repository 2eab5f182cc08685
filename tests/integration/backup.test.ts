// `npm run backup` and `npm run restore` on the embedded database and the file store, run as the
// real scripts in child processes:
// - while "the server" runs (this process owns the PGlite database on disk and answers on the
//   control channel, as the Next.js server does) and people keep writing: the restore into an
//   empty data folder holds everything written before the backup began, only what was written,
//   the stored files byte for byte, the people, and rollups that agree with the stories;
// - when nothing runs: the script opens the data folder itself.
// Backups are for the embedded database; on a PostgreSQL run this file has nothing to test.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBackup, type BackupManifest } from "@/lib/backup/backup";
import { CONTROL_FILE, startControlServer, type ControlServer } from "@/lib/backup/control";
import { readManifest } from "@/lib/backup/restore";
import { backupSource } from "@/lib/backup/server";
import { addFileEvidence, openEvidenceFile } from "@/lib/db/evidence";
import { openDatabase, type Database } from "@/lib/db/prisma";
import { getDatabase, installDatabase } from "@/lib/db/registry";
import { applyMigrations } from "@/lib/db/schema-engine";
import { getStoryForViewer, quickCapture } from "@/lib/db/stories";
import type { Actor } from "@/lib/domain/actor";
import { installBlobStore, LocalDiskStore, type BlobStore } from "@/lib/platform/storage";
import { quickCaptureSchema } from "@/lib/validation/story";
import { makeMember, makeOrganization, TINY_PNG_BYTES } from "../factories";

const root = mkdtempSync(path.join(os.tmpdir(), "ripple-backup-test-"));
const SECRET = "a-session-secret-kept-in-the-data-folder";

/** Runs `npm run backup`/`restore`'s script in a child process on the data folder `dir`. */
function runScript(script: "backup" | "restore", dir: string, arg: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", `scripts/${script}.ts`, arg], {
      env: { ...process.env, RIPPLE_DATA_DIR: dir, DATABASE_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (out += c));
    child.on("exit", (code) => resolve({ code, out }));
  });
}

/** Opens a restored data folder as "the" database and blob store, runs `fn`, puts the suite's back. */
async function inRestored<T>(dir: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const suite = getDatabase();
  const db = openDatabase({ kind: "pglite", dir: path.join(dir, "pglite") });
  const previousStore = installBlobStore(new LocalDiskStore(path.join(dir, "files")));
  installDatabase(db);
  try {
    return await fn(db);
  } finally {
    installDatabase(suite);
    installBlobStore(previousStore);
    await db.close();
  }
}

const capture = (what: string) => quickCaptureSchema.parse({ what, channel: "social" });

describe.skipIf(process.env.TEST_DATABASE_URL)("backups of the embedded database and the file store", () => {
  const live = path.join(root, "live");
  let suiteDb: Database;
  let db: Database;
  let store: LocalDiskStore;
  let suiteStore: BlobStore | undefined;
  let control: ControlServer | null = null;
  let author: Actor;
  let colleague: Actor;
  let fileEvidenceId: string;
  let filedStoryId: string;

  beforeAll(async () => {
    // "The server": its own PGlite on disk, migrated, with a file store and a session secret.
    db = openDatabase({ kind: "pglite", dir: path.join(live, "pglite") });
    await applyMigrations(db.factory);
    store = new LocalDiskStore(path.join(live, "files"));
    writeFileSync(path.join(live, "auth-secret"), SECRET, { mode: 0o600 });
    suiteStore = installBlobStore(store);
    suiteDb = getDatabase();
    installDatabase(db);
    const org = await makeOrganization("Backed-up Org");
    author = await makeMember(org.organizationId, { name: "Ava Author" });
    colleague = await makeMember(org.organizationId, { name: "Priya Colleague" });
    filedStoryId = (await quickCapture(author, capture("A story with a screenshot"))).id;
    fileEvidenceId = (await addFileEvidence(author, filedStoryId, "IMMEDIATE", { name: "screen.png", bytes: TINY_PNG_BYTES })).id;
    await quickCapture(colleague, capture("The colleague's moment"));
    control = await startControlServer(live, (file) => createBackup(backupSource(db, live, store, "running server"), file));
  }, 120_000);

  afterAll(async () => {
    await control?.close();
    installBlobStore(suiteStore);
    if (suiteDb) installDatabase(suiteDb);
    await db?.close().catch(() => {});
    rmSync(root, { recursive: true, force: true });
  });

  it("while the server runs and people write: the restore into an empty folder has everything written before, and nothing half-written", async () => {
    expect(existsSync(path.join(live, CONTROL_FILE))).toBe(true);
    expect(statSync(path.join(live, CONTROL_FILE)).mode & 0o777).toBe(0o600);
    // Writers keep capturing while the backup is taken.
    const acknowledged: string[] = [];
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        const title = `Written during the backup #${i}`;
        await quickCapture(i % 2 ? author : colleague, capture(title));
        acknowledged.push(title);
        // Writes arrive as requests, about 40 a second: the event loop serves other I/O between them.
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    while (acknowledged.length < 3) await new Promise((r) => setTimeout(r, 20));
    const before = [...acknowledged];
    const file = path.join(root, "running.tar.gz");
    const backup = await runScript("backup", live, file);
    const afterBackup = [...acknowledged];
    stop = true;
    await writer;
    expect(backup.out).toContain("taken by the running server");
    expect(backup.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const manifest: BackupManifest = await readManifest(file);
    expect(manifest).toMatchObject({ takenBy: "running server", counts: { organizations: 1, people: 3, memberships: 3, files: 1 }, storedFiles: 1 });

    const target = path.join(root, "restored");
    const restore = await runScript("restore", target, file);
    expect(restore.out).toContain("as the backup lists");
    expect(restore.code).toBe(0);
    expect(readFileSync(path.join(target, "auth-secret"), "utf8")).toBe(SECRET);

    await inRestored(target, async (restored) => {
      const titles = (await restored.prisma.story.findMany({ select: { title: true } })).map((s) => s.title);
      // Everything acknowledged before the backup began is there; nothing that was never written.
      for (const t of [...before, "A story with a screenshot", "The colleague's moment"]) expect(titles).toContain(t);
      for (const t of titles) expect([...afterBackup, "A story with a screenshot", "The colleague's moment"]).toContain(t);
      expect(titles.length).toBe(manifest.counts.stories);
      // A consistent moment: the rollups the triggers keep agree with the stories.
      expect(await restored.prisma.storyRollup.count()).toBe(titles.length);
      // The people can be found and read their stories through the app's own functions.
      expect((await getStoryForViewer(author, filedStoryId))?.title).toBe("A story with a screenshot");
      const opened = await openEvidenceFile(author, fileEvidenceId);
      expect(opened?.fileName).toBe("screen.png");
      expect(new Uint8Array(await new Response(opened!.stream).arrayBuffer())).toEqual(TINY_PNG_BYTES);
      expect(await restored.prisma.user.count()).toBe(3);
    });
  }, 240_000);

  it("refuses to restore over a data folder that holds a database", async () => {
    const restore = await runScript("restore", path.join(root, "restored"), path.join(root, "running.tar.gz"));
    expect(restore.code).toBe(1);
    expect(restore.out).toMatch(/is not empty: restore into an empty data folder/);
  }, 120_000);

  it("when the server is stopped, the script opens the data folder itself", async () => {
    await control?.close();
    control = null;
    const stories = await db.prisma.story.count();
    await db.close();
    const file = path.join(root, "stopped.tar.gz");
    const backup = await runScript("backup", live, file);
    expect(backup.out).toContain("taken from the data folder (the server was not running)");
    expect(backup.code).toBe(0);
    const target = path.join(root, "restored-offline");
    const restore = await runScript("restore", target, file);
    expect(restore.code).toBe(0);
    await inRestored(target, async (restored) => {
      expect(await restored.prisma.story.count()).toBe(stories);
      const opened = await openEvidenceFile(author, fileEvidenceId);
      expect(new Uint8Array(await new Response(opened!.stream).arrayBuffer())).toEqual(TINY_PNG_BYTES);
    });
  }, 240_000);
});
