// Background exports: asked for through the page's action, made by the `export.file` job through
// the real queue (pg-boss on the test database), downloaded through the route. The file equals
// the streamed download of the same view; only the person who asked downloads it, while they
// still have the access they asked with; files expire; a run cut short is run again from the
// start and leaves one file. The session is the only stand-in.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import * as XLSX from "xlsx";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/domain/actor";
import { makeMember, makeOrganization, makeReportOrganization, makeStory } from "../factories";
import { installQueues, runJobs } from "../support/jobs";
import { session } from "../support/session";

vi.mock("@/lib/auth/session", () => import("../support/session"));

const { getDatabase } = await import("@/lib/db/registry");
const { JOB_SCHEMA } = await import("@/lib/jobs");
const { exportFileJob, expireExportFilesJob, EXPORT_FAILED, EXPORT_NO_ACCESS } = await import("@/lib/jobs/export-file-job");
const { requestExportAction, retryExportAction } = await import("@/lib/actions/exports");
const { exportFileKey } = await import("@/lib/db/export-files");
const { getBlobStore, installBlobStore, LocalDiskStore } = await import("@/lib/platform/storage");
const listRoute = await import("@/app/api/reports/exports/route");
const downloadRoute = await import("@/app/api/reports/exports/[exportId]/route");
const csvRoute = await import("@/app/api/reports/csv/route");
const xlsxRoute = await import("@/app/api/reports/xlsx/route");
const xapiRoute = await import("@/app/api/reports/xapi/route");

const prisma = () => getDatabase().prisma;
const JOBS = [exportFileJob, expireExportFilesJob];

let org: Awaited<ReturnType<typeof makeReportOrganization>>;
let lnd: Actor, mgr: Actor, e1: Actor, secondLnd: Actor, stranger: Actor;
const QUERY = "?cycle=applied";
/** The time the exports are asked for: the sync download is made at the same instant, so the two files carry the same "exported" stamp. */
const ASKED_AT = new Date("2025-06-02T10:00:00.000Z");

beforeAll(async () => {
  org = await makeReportOrganization("Background Exports Ltd");
  ({ lnd, mgr, e1 } = org);
  secondLnd = await makeMember(org.organizationId, { role: "LND" });
  stranger = await makeMember((await makeOrganization("Stranger Co")).organizationId, { role: "LND" });
  await makeStory({
    title: "Applied, org-wide",
    author: e1,
    visibility: "ORG",
    at: "2025-01-10",
    channel: "social",
    entries: [
      { cycle: "IMMEDIATE", at: "2025-01-10", keys: ["participation"], narrative: "Line one\nLine two, with a comma" },
      { cycle: "APPLIED", at: "2025-01-24", keys: ["tools-used"], narrative: 'She said "try it"' },
    ],
  });
  await makeStory({
    title: "Applied, team only",
    author: org.e2,
    visibility: "TEAM",
    at: "2025-02-05",
    channel: "chat",
    entries: [{ cycle: "APPLIED", at: "2025-02-05", keys: ["tools-used"] }],
  });
  await makeStory({
    title: "Private",
    author: org.e3,
    visibility: "PRIVATE",
    at: "2025-01-20",
    channel: "social",
    entries: [{ cycle: "APPLIED", at: "2025-01-20" }],
  });
  await makeStory({
    title: "Not applied",
    author: org.e3,
    visibility: "ORG",
    at: "2025-03-01",
    channel: "social",
    entries: [{ cycle: "IMMEDIATE", at: "2025-03-01" }],
  });
  await installQueues(JOBS);
});

afterEach(() => {
  vi.useRealTimers();
  session.actor = null;
});

type Route = { GET: (request: Request, context: { params: Promise<any> }) => Promise<Response> };
const get = (route: Route, url: string, params: Record<string, string> = {}) =>
  route.GET(new Request(`http://localhost:3000${url}`), { params: Promise.resolve(params) });

/** Asks for a file as `actor` at ASKED_AT and, at the same instant, downloads the same view the streamed way. */
async function ask(actor: Actor, kind: "csv" | "xlsx" | "xapi", query = QUERY) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(ASKED_AT);
  session.actor = actor;
  const result = await requestExportAction(null, { kind, query });
  const route = kind === "csv" ? csvRoute : kind === "xlsx" ? xlsxRoute : xapiRoute;
  const sync = await get(route, `/api/reports/${kind}${query}`);
  expect(sync.status).toBe(200);
  const syncBytes = Buffer.from(await sync.arrayBuffer());
  vi.useRealTimers();
  if (!result.ok) throw new Error(result.message);
  return { id: result.data.id, syncBytes, syncName: /filename="([^"]+)"/.exec(sync.headers.get("content-disposition") ?? "")![1] };
}

async function download(actor: Actor | null, id: string) {
  session.actor = actor;
  return get(downloadRoute, `/api/reports/exports/${id}`, { exportId: id });
}

async function listOf(actor: Actor) {
  session.actor = actor;
  const res = await get(listRoute, "/api/reports/exports");
  expect(res.status).toBe(200);
  return (
    (await res.json()) as {
      exports: {
        id: string;
        status: string;
        rowsWritten: number;
        rowsTotal: number | null;
        sizeBytes: number | null;
        error: string | null;
        expiresAt: string | null;
        fileName: string | null;
      }[];
    }
  ).exports;
}

const row = (id: string) => prisma().exportFile.findFirstOrThrow({ where: { organizationId: org.organizationId, id } });
const filesOf = async (organizationId: string) => {
  const dir = path.join((getBlobStore() as InstanceType<typeof LocalDiskStore>).root, organizationId, "exports");
  return readdir(dir).catch(() => [] as string[]);
};

describe("a background export", () => {
  it("is asked for (audited with its job, in one transaction), made through the queue, and equals the streamed CSV", async () => {
    const { id, syncBytes, syncName } = await ask(lnd, "csv");
    expect((await row(id)).status).toBe("queued");
    const requested = await prisma().auditEvent.findMany({ where: { organizationId: org.organizationId, action: "export.requested", targetId: id } });
    expect(requested).toHaveLength(1);
    expect(requested[0]!.meta).toEqual({ kind: "csv", filters: { cycle: "APPLIED" } });
    const jobs = await prisma().$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${JOB_SCHEMA}.job WHERE name = 'export.file' AND data->>'exportId' = $1`,
      id,
    );
    expect(jobs[0]!.n).toBe(1);

    // Before the job has run there is nothing to download.
    expect((await download(lnd, id)).status).toBe(404);
    expect(await runJobs(JOBS)).toBeGreaterThanOrEqual(1);

    const done = await row(id);
    expect(done.status).toBe("ready");
    // The file's records after its two header lines: what the progress counted.
    const text = syncBytes.toString("utf8");
    const records = parse(text, { bom: true }) as string[][];
    expect(done.rowsTotal).toBe(records.length - 2);
    expect(done.rowsWritten).toBe(done.rowsTotal);
    expect(Number(done.sizeBytes)).toBe(syncBytes.length);
    expect(done.expiresAt!.getTime() - done.finishedAt!.getTime()).toBe(7 * 86_400_000);

    const res = await download(lnd, id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${syncName}"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.equals(syncBytes)).toBe(true);
    const downloaded = await prisma().auditEvent.findMany({ where: { organizationId: org.organizationId, action: "export.downloaded", targetId: id } });
    expect(downloaded).toHaveLength(1);
    expect((await row(id)).downloads).toBe(1);

    const listed = (await listOf(lnd)).find((f) => f.id === id)!;
    expect(listed).toMatchObject({ status: "ready", sizeBytes: syncBytes.length, fileName: syncName });
    expect(await filesOf(org.organizationId)).toContain(id);
  });

  it("XLSX and xAPI files equal the streamed downloads too (a manager's, for their line)", async () => {
    const xlsx = await ask(mgr, "xlsx", "");
    const xapi = await ask(mgr, "xapi", "");
    await runJobs(JOBS);
    const x = Buffer.from(await (await download(mgr, xlsx.id)).arrayBuffer());
    const sheets = (b: Buffer) => {
      const wb = XLSX.read(b, { type: "buffer", cellDates: true });
      return Object.fromEntries(wb.SheetNames.map((n) => [n, XLSX.utils.sheet_to_json(wb.Sheets[n]!, { header: 1, defval: null })]));
    };
    expect(sheets(x)).toEqual(sheets(xlsx.syncBytes));
    expect(x.equals(xlsx.syncBytes)).toBe(true);
    // The manager's line (all time): e1's org-wide story and e2's team story; e3 is outside it.
    expect((sheets(x)["Stories"] as unknown[][]).length).toBe(1 + 2);
    const a = Buffer.from(await (await download(mgr, xapi.id)).arrayBuffer());
    expect(JSON.parse(a.toString("utf8"))).toEqual(JSON.parse(xapi.syncBytes.toString("utf8")));
    expect((await row(xlsx.id)).rowsWritten).toBe((await row(xlsx.id)).rowsTotal);
  });

  it("only its requester downloads it: a stranger, an employee, a manager and another L&D person get 404, as does a bad id", async () => {
    const { id } = await ask(lnd, "csv");
    await runJobs(JOBS);
    for (const other of [stranger, e1, mgr, secondLnd, org.admin]) expect((await download(other, id)).status, other.name).toBe(404);
    expect((await download(null, id)).status).toBe(401);
    expect((await download(lnd, "not-a-uuid")).status).toBe(404);
    // The list is the requester's own.
    expect((await listOf(secondLnd)).map((f) => f.id)).not.toContain(id);
    expect((await listOf(mgr)).map((f) => f.id)).not.toContain(id);
    session.actor = e1;
    expect((await get(listRoute, "/api/reports/exports")).status).toBe(404);
    // Retrying someone else's export is refused.
    session.actor = secondLnd;
    const refused = await retryExportAction(null, { exportId: id });
    expect(refused.ok).toBe(false);
    expect((await download(lnd, id)).status).toBe(200);
  });

  it("is re-checked at download: a requester whose role changed gets 404 (a deactivated one has no session at all)", async () => {
    const person = await makeMember(org.organizationId, { role: "LND" });
    const { id } = await ask(person, "csv");
    await runJobs(JOBS);
    expect((await download(person, id)).status).toBe(200);
    await prisma().membership.update({
      where: { organizationId_id: { organizationId: org.organizationId, id: person.membershipId } },
      data: { role: "MANAGER" },
    });
    expect((await download({ ...person, role: "MANAGER" }, id)).status).toBe(404);
    await prisma().membership.update({ where: { organizationId_id: { organizationId: org.organizationId, id: person.membershipId } }, data: { role: "LND" } });
    expect((await download(person, id)).status).toBe(200);
  });

  it("is not made for a requester who lost the access they asked with; it fails with a message", async () => {
    const person = await makeMember(org.organizationId, { role: "LND" });
    const { id } = await ask(person, "csv");
    await prisma().membership.update({
      where: { organizationId_id: { organizationId: org.organizationId, id: person.membershipId } },
      data: { role: "EMPLOYEE" },
    });
    await runJobs(JOBS);
    const failed = await row(id);
    expect(failed).toMatchObject({ status: "failed", error: EXPORT_NO_ACCESS, fileKey: null });
    expect(await filesOf(org.organizationId)).not.toContain(id);
  });

  it("expires: the maintenance job deletes the file, the record says so, and the download is gone", async () => {
    const { id } = await ask(lnd, "csv");
    await runJobs(JOBS);
    const key = exportFileKey(org.organizationId, id);
    expect(await getBlobStore().get(key)).not.toBeNull();
    // Not yet due: nothing happens.
    await runExpiry();
    expect((await row(id)).status).toBe("ready");
    await prisma().exportFile.update({
      where: { organizationId_id: { organizationId: org.organizationId, id } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await runExpiry();
    expect(await row(id)).toMatchObject({ status: "expired", fileKey: null });
    expect(await getBlobStore().get(key)).toBeNull();
    expect((await download(lnd, id)).status).toBe(404);
    expect((await listOf(lnd)).find((f) => f.id === id)?.status).toBe("expired");
  });
});

async function runExpiry() {
  const { enqueue } = await import("@/lib/jobs");
  await prisma().jobKey.deleteMany({ where: { queue: "export.expire" } });
  await enqueue(expireExportFilesJob, {});
  await runJobs(JOBS);
}

describe("a run cut short", () => {
  /** A store that stops the first `fail` runs: after half the file (a crash mid-file), or after the whole file is stored but before it is recorded. */
  function flakyStore(mode: "mid-file" | "after-store", fail: number) {
    const real = new LocalDiskStore((getBlobStore() as InstanceType<typeof LocalDiskStore>).root);
    let left = fail;
    const store = Object.create(real) as InstanceType<typeof LocalDiskStore>;
    store.putStream = async (key, data) => {
      if (left <= 0) return real.putStream(key, data);
      left--;
      if (mode === "after-store") {
        await real.putStream(key, data);
        throw new Error("the worker died after storing the file");
      }
      const reader = data.getReader();
      await reader.read();
      await reader.cancel();
      throw new Error("the worker died mid-file");
    };
    return store;
  }

  /** Makes a job waiting for its retry due now (the test does not wait out the backoff). */
  const retryNow = () => prisma().$executeRawUnsafe(`UPDATE ${JOB_SCHEMA}.job SET start_after = now() WHERE name = 'export.file' AND state = 'retry'`);

  it.each(["mid-file", "after-store"] as const)(
    "is run again from the start (%s) and leaves exactly one file, equal to the streamed download",
    async (mode) => {
      const { id, syncBytes } = await ask(lnd, "csv");
      const previous = installBlobStore(flakyStore(mode, 1));
      try {
        await runJobs(JOBS);
        const between = await row(id);
        expect(between.status).toBe("queued");
        expect(between.fileKey).toBeNull();
        await retryNow();
        await runJobs(JOBS);
      } finally {
        installBlobStore(previous);
      }
      const done = await row(id);
      expect(done.status).toBe("ready");
      const files = (await filesOf(org.organizationId)).filter((f) => f === id || f.startsWith(".tmp"));
      expect(files).toEqual([id]);
      expect(Buffer.from(await (await download(lnd, id)).arrayBuffer()).equals(syncBytes)).toBe(true);
    },
  );

  it("that the stuck-export sweep failed while it ran stays failed when it finishes after all", async () => {
    const { id } = await ask(lnd, "csv");
    const real = getBlobStore() as InstanceType<typeof LocalDiskStore>;
    const store = Object.create(real) as InstanceType<typeof LocalDiskStore>;
    store.putStream = async (key, data) => {
      // The sweep marks it failed while the file is being written (a run slower than the sweep's limit).
      await prisma().exportFile.update({
        where: { organizationId_id: { organizationId: org.organizationId, id } },
        data: { status: "failed", error: "stuck" },
      });
      return real.putStream(key, data);
    };
    const previous = installBlobStore(store);
    try {
      await runJobs(JOBS);
    } finally {
      installBlobStore(previous);
    }
    expect(await row(id)).toMatchObject({ status: "failed", error: "stuck" });
    expect((await download(lnd, id)).status).toBe(404);
  });

  it("that fails every retry says so, and the person's retry makes it", async () => {
    const { id, syncBytes } = await ask(lnd, "csv");
    const previous = installBlobStore(flakyStore("mid-file", 3));
    try {
      await runJobs(JOBS);
      for (let i = 0; i < 2; i++) {
        await retryNow();
        await runJobs(JOBS);
      }
    } finally {
      installBlobStore(previous);
    }
    expect(await row(id)).toMatchObject({ status: "failed", error: EXPORT_FAILED });
    expect((await listOf(lnd)).find((f) => f.id === id)).toMatchObject({ status: "failed", error: EXPORT_FAILED });

    session.actor = lnd;
    const again = await retryExportAction(null, { exportId: id });
    expect(again.ok).toBe(true);
    expect(await row(id)).toMatchObject({ status: "queued", error: null, attempts: 1 });
    // A second retry of an export that is not failed is refused.
    expect((await retryExportAction(null, { exportId: id })).ok).toBe(false);
    await runJobs(JOBS);
    expect((await row(id)).status).toBe("ready");
    expect(Buffer.from(await (await download(lnd, id)).arrayBuffer()).equals(syncBytes)).toBe(true);
    expect(await prisma().auditEvent.count({ where: { organizationId: org.organizationId, action: "export.requested", targetId: id } })).toBe(2);
  });
});
