// The organisation archive, round trip: a rich organisation in this file's database (A) is
// exported through the admins' route, read with JSON.parse, imported into FRESH empty databases
// (B from the text as a stream, C from the parsed object), exported again, and the archives are
// the same but for exportedAt. Around it: the search vectors and report rollups are rebuilt, no
// one imported can sign in with a password, files come across, only admins may export (audited),
// and the import refuses a non-empty target or a broken archive, leaving it untouched.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.RIPPLE_DATA_DIR = "memory://";
});
vi.mock("@/lib/auth/session", () => import("../support/session"));

import { GET } from "@/app/api/reports/json/route";
import { updateMember } from "@/lib/db/admin";
import { checkCredentials, loadActor } from "@/lib/db/auth";
import { addComment, deleteComment } from "@/lib/db/comments";
import { addFileEvidence } from "@/lib/db/evidence";
import { dismissFollowUp } from "@/lib/db/follow-ups";
import { deployPendingMigrations } from "@/lib/db/migrate";
import { markAllRead } from "@/lib/db/notifications";
import { exportOrganization, importOrganization, organizationArchiveText } from "@/lib/db/org-archive";
import { retireChannel, retireIndicator } from "@/lib/db/org-settings";
import { openDatabase, type Database } from "@/lib/db/prisma";
import { saveReflection } from "@/lib/db/reflections";
import { getDatabase, installDatabase } from "@/lib/db/registry";
import { askWhatHappenedNext, confirmFigure, recordReading, setHighlight } from "@/lib/db/review";
import { quickCapture, searchMyStoryIds } from "@/lib/db/stories";
import { getStoryForEditing, saveStoryDocument, setStoryStatus } from "@/lib/db/story-editor";
import { trashStory } from "@/lib/db/trash";
import type { Actor } from "@/lib/domain/actor";
import { orgArchiveSchema } from "@/lib/domain/org-archive";
import type { StoryDoc } from "@/lib/domain/story";
import { LocalDiskStore, getBlobStore, type BlobStore } from "@/lib/platform/storage";
import { quickCaptureSchema } from "@/lib/validation/story";
import { PASSWORD, TINY_PNG_BYTES, makeMember, makeOrganization, makeTeam } from "../factories";
import { session } from "../support/session";
import { refused } from "../support/assertions";

const A = getDatabase();
const opened: Database[] = [];
const folders: string[] = [];

/** A new, empty, migrated Ripple database (in-memory PGlite), whatever A runs on. */
async function freshDatabase(): Promise<Database> {
  const snapshot = process.env.TEST_DATABASE_URL ? undefined : inject("pgliteSnapshot");
  const db = snapshot
    ? openDatabase({ kind: "pglite", dir: "memory://", snapshot: new Blob([readFileSync(snapshot)]) })
    : openDatabase({ kind: "pglite", dir: "memory://" });
  if (!snapshot) await deployPendingMigrations(db);
  opened.push(db);
  return db;
}

function freshStore(): LocalDiskStore {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ripple-archive-test-"));
  folders.push(dir);
  return new LocalDiskStore(dir);
}

/** Runs `fn` with another database and blob store as "the" ones of this process (the app's registry). */
async function using<T>(db: Database, store: BlobStore, fn: () => Promise<T>): Promise<T> {
  const g = globalThis as typeof globalThis & { __rippleBlobStore?: BlobStore };
  const previousStore = getBlobStore();
  installDatabase(db);
  g.__rippleBlobStore = store;
  try {
    return await fn();
  } finally {
    installDatabase(A);
    g.__rippleBlobStore = previousStore;
  }
}

async function exportText(actor: Actor): Promise<string> {
  const archive = await exportOrganization(actor);
  const text = await new Response(archive.stream).text();
  expect(Buffer.byteLength(text)).toBe(archive.size);
  return text;
}

function withoutExportedAt(archive: Record<string, unknown>) {
  const { exportedAt, ...rest } = archive;
  expect(typeof exportedAt).toBe("string");
  return rest;
}

let admin: Actor, ava: Actor, priya: Actor, marco: Actor, lin: Actor;
let organizationId: string;
let otherOrgId: string;
let highlightedId: string, trashedId: string;
let routeText: string;

beforeAll(async () => {
  ({ admin, organizationId } = await makeOrganization("Archive Co"));
  await A.prisma.organization.update({ where: { id: organizationId }, data: { defaultVisibility: "ORG", reflectionDay: 3, deactivatedStories: "HIDE" } });
  // A child team made before its parent, and a report made before their manager: ids in the
  // archive come in id order, so the import must link them after both exist.
  const support = await makeTeam(organizationId, "Support EMEA");
  const success = await makeTeam(organizationId, "Customer Success");
  await A.prisma.team.updateMany({ where: { id: support.id }, data: { parentId: success.id } });
  ava = await makeMember(organizationId, { teamId: support.id, name: "Ava Patel" });
  priya = await makeMember(organizationId, { teamId: support.id, name: "Priya Shah" });
  marco = await makeMember(organizationId, { role: "MANAGER", teamId: success.id, name: "Marco Rossi" });
  lin = await makeMember(organizationId, { role: "LND", name: "Lin Chen" });
  await updateMember(admin, ava.membershipId, { managerId: marco.membershipId });
  await updateMember(admin, priya.membershipId, { managerId: marco.membershipId });
  ava = (await loadActor(ava.userId, ava.membershipId))!;
  priya = (await loadActor(priya.userId, priya.membershipId))!;
  const gone = await makeMember(organizationId, { name: "Gone Person", status: "DEACTIVATED" });
  await A.prisma.membership.updateMany({ where: { id: gone.membershipId }, data: { deactivatedAt: new Date("2026-02-01T10:00:00Z"), reflectionDay: 1 } });

  // The demo's best story, end to end, with a word only its narrative holds.
  highlightedId = (await quickCapture(ava, quickCaptureSchema.parse({ what: "An agency's urgent question answered by my network", channel: "social" }))).id;
  const editable = (await getStoryForEditing(ava, highlightedId))!;
  const doc: StoryDoc = structuredClone(editable.doc);
  doc.narrative = "The agency phoned; my network answered with a template before the zeppelin landed.";
  doc.visibility = "ORG";
  doc.minutesInvested = 4;
  doc.minutesSaved = 120;
  doc.tags = ["escalations", "templates"];
  doc.contributors = [
    { membershipId: priya.membershipId, name: "", platform: "", insideOrg: true, tie: "STRONG" },
    { membershipId: null, name: "Jo Bloggs", platform: "LinkedIn", insideOrg: false, tie: "WEAK" },
  ];
  doc.entries.POTENTIAL = {
    narrative: "Social and tangible capital: the template is in our drive.",
    indicators: ["capital-social"],
    figureValue: null,
    figureUnit: "",
    links: [{ url: "https://example.org/templates", label: "Template" }],
  };
  doc.entries.APPLIED = {
    narrative: "Sent it to the agency on the same call.",
    indicators: ["connections-used"],
    figureValue: null,
    figureUnit: "",
    links: [],
  };
  doc.entries.REALIZED = {
    narrative: "Four minutes instead of two hours.",
    indicators: ["org-performance"],
    figureValue: 116.5,
    figureUnit: "minutes saved",
    links: [],
  };
  expect((await saveStoryDocument(ava, highlightedId, editable.version, doc)).status).toBe("saved");
  await setStoryStatus(ava, highlightedId, "PUBLISHED");
  await addFileEvidence(ava, highlightedId, "APPLIED", { name: "white board.png", bytes: TINY_PNG_BYTES });
  await confirmFigure(marco, highlightedId);
  await setHighlight(lin, highlightedId, true);
  await recordReading(marco, highlightedId, { cycles: ["APPLIED", "REALIZED"], indicatorKeys: ["org-performance"], note: "Solid applied value." });
  const followUp = await askWhatHappenedNext(marco, highlightedId, "What changed for the agency?");
  await dismissFollowUp(ava, followUp.id);
  await addComment(marco, highlightedId, "Great example, thank you.");
  const removed = await addComment(priya, highlightedId, "Happy to help!");
  await deleteComment(priya, removed.id);
  await markAllRead(ava);
  await askWhatHappenedNext(marco, highlightedId, "And a month later?");

  const draft = (await quickCapture(ava, quickCaptureSchema.parse({ what: "Community of practice call", channel: "community", startCycle: "POTENTIAL" }))).id;
  trashedId = (await quickCapture(ava, quickCaptureSchema.parse({ what: "A tip I no longer want", channel: "colleague" }))).id;
  await trashStory(ava, trashedId);
  const privateId = (await quickCapture(priya, quickCaptureSchema.parse({ what: "Kept to myself", channel: "colleague" }))).id;
  await A.prisma.story.updateMany({ where: { id: privateId }, data: { visibility: "PRIVATE", status: "PUBLISHED" } });
  await saveReflection(ava, {
    learned: "Ask the network first.",
    performance: "",
    organizationImpact: "Faster answers.",
    storyIds: [highlightedId, draft],
    sharedWithManager: true,
  });

  const indicator = await A.prisma.indicator.findFirstOrThrow({ where: { organizationId, key: "fun-inspiration" } });
  await retireIndicator(admin, indicator.id);
  const channel = await A.prisma.channel.findFirstOrThrow({ where: { organizationId, key: "community" } });
  await retireChannel(admin, channel.id);

  // Someone else's organisation in the same database: never in this archive.
  const other = await makeOrganization("Other Co");
  otherOrgId = other.organizationId;
  await quickCapture(other.admin, quickCaptureSchema.parse({ what: "Not yours", channel: "social" }));

  // The export, through the route, as the admin.
  session.actor = admin;
  const response = await GET(new Request("http://localhost/api/reports/json"), { params: Promise.resolve({}) });
  expect(response.status).toBe(200);
  routeText = await response.text();
  session.actor = null;
});

afterAll(async () => {
  for (const db of opened) await db.close();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe("the JSON export route", () => {
  it("answers the admin with the archive, named after the organisation, and records an audit event without content", async () => {
    const slug = (await A.prisma.organization.findUniqueOrThrow({ where: { id: organizationId } })).slug;
    session.actor = admin;
    const response = await GET(new Request("http://localhost/api/reports/json"), { params: Promise.resolve({}) });
    session.actor = null;
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="ripple-${slug}.json"`);
    expect(response.headers.get("cache-control")).toContain("no-store");
    expect(Number(response.headers.get("content-length"))).toBe(Buffer.byteLength(await response.text()));
    const events = await A.prisma.auditEvent.findMany({ where: { organizationId, action: "export.created" } });
    expect(events).toHaveLength(2);
    for (const e of events) {
      expect(e.actorId).toBe(admin.membershipId);
      expect(e.meta).toEqual({ kind: "json" });
    }
  });

  it("refuses everyone but an admin, exactly like a missing page, and records nothing", async () => {
    const before = await A.prisma.auditEvent.count({ where: { organizationId, action: "export.created" } });
    for (const actor of [lin, marco, ava]) {
      session.actor = actor;
      const response = await GET(new Request("http://localhost/api/reports/json"), { params: Promise.resolve({}) });
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain("zeppelin");
    }
    session.actor = null;
    expect((await GET(new Request("http://localhost/api/reports/json"), { params: Promise.resolve({}) })).status).toBe(401);
    await refused(exportOrganization(lin), "not_found");
    expect(await A.prisma.auditEvent.count({ where: { organizationId, action: "export.created" } })).toBe(before);
  });
});

describe("the archive", () => {
  it("is JSON that a plain JSON.parse reads, holding the whole organisation and nothing of another", () => {
    const archive = JSON.parse(routeText);
    expect(archive).toMatchObject({
      format: "ripple.organization",
      version: 1,
      organization: { id: organizationId, name: "Archive Co", defaultVisibility: "ORG", reflectionDay: 3, deactivatedStories: "HIDE" },
    });
    expect(archive.memberships).toHaveLength(6);
    expect(archive.users.map((u: { email: string }) => u.email).sort()).toEqual(
      [admin, ava, priya, marco, lin]
        .map((a) => a.email)
        .concat(archive.users.find((u: { name: string }) => u.name === "Gone Person").email)
        .sort(),
    );
    expect(archive.stories).toHaveLength(4);
    const story = archive.stories.find((s: { id: string }) => s.id === highlightedId);
    expect(story).toMatchObject({ status: "PUBLISHED", visibility: "ORG", highlightedById: lin.membershipId, minutesSaved: 120 });
    expect(story.version).toBeGreaterThan(1);
    expect(archive.stories.find((s: { id: string }) => s.id === trashedId).deletedAt).toEqual(expect.any(String));
    expect(archive.cycleEntries.find((e: { cycle: string; storyId: string }) => e.storyId === highlightedId && e.cycle === "REALIZED")).toMatchObject({
      figureValue: "116.50",
      confirmedById: marco.membershipId,
      confirmedAt: expect.any(String),
    });
    const file = archive.evidence.find((v: { kind: string }) => v.kind === "FILE");
    expect(Buffer.from(file.content, "base64")).toEqual(Buffer.from(TINY_PNG_BYTES));
    expect(archive.comments.filter((c: { deletedAt: string | null }) => c.deletedAt)).toHaveLength(1);
    expect(archive.reflections[0].storyIds).toHaveLength(2);
    expect(archive.indicators.find((i: { key: string }) => i.key === "fun-inspiration").retiredAt).toEqual(expect.any(String));
    expect(archive.followUps.filter((f: { doneAt: string | null }) => f.doneAt)).toHaveLength(1);
    expect(archive.notifications.length).toBeGreaterThan(0);
    expect(archive.auditEvents.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(["story.created", "member.team_changed", "settings.changed"]),
    );
    expect(archive.readings).toHaveLength(1);
    expect(archive.storyTags).toHaveLength(2);
    expect(archive.contributors).toHaveLength(2);
    expect(routeText).not.toContain(otherOrgId);
    expect(routeText).not.toContain("Not yours");
  });

  it("is valid against the archive's schema, with dates exactly as stored", async () => {
    const archive = JSON.parse(routeText);
    const parsed = orgArchiveSchema.safeParse(archive);
    expect(parsed.error?.issues ?? []).toEqual([]);
    const story = await A.prisma.story.findFirstOrThrow({ where: { id: highlightedId } });
    expect(archive.stories.find((s: { id: string }) => s.id === highlightedId)).toMatchObject({
      occurredAt: story.occurredAt.toISOString(),
      createdAt: story.createdAt.toISOString(),
      updatedAt: story.updatedAt.toISOString(),
      highlightedAt: story.highlightedAt!.toISOString(),
    });
    const reflection = await A.prisma.reflection.findFirstOrThrow({ where: { organizationId } });
    expect(archive.reflections[0].weekStart).toBe(reflection.weekStart.toISOString().slice(0, 10));
  });

  it("is the same whatever the page size of the queries", async () => {
    const exportedAt = new Date("2026-03-01T00:00:00Z");
    const read = async (pageSize?: number) => {
      let text = "";
      for await (const piece of organizationArchiveText(A.prisma, organizationId, { exportedAt, pageSize })) text += piece;
      return text;
    };
    const whole = await read();
    expect(await read(1)).toBe(whole);
    expect(await read(2)).toBe(whole);
    expect(JSON.parse(whole).exportedAt).toBe(exportedAt.toISOString());
  });

  it("carries no secret: no password hash, no invitation, no session", async () => {
    const hash = (await A.prisma.user.findUniqueOrThrow({ where: { id: ava.userId } })).passwordHash!;
    expect(hash).toMatch(/^\$argon2/);
    expect(routeText).not.toContain(hash);
    expect(routeText).not.toMatch(/passwordHash|tokenHash|"invites"|"sessions"/);
    expect(routeText).not.toContain("$argon2");
  });
});

describe("import into an empty Ripple", () => {
  let B: Database;
  let storeB: LocalDiskStore;
  let bText: string;

  beforeAll(async () => {
    B = await freshDatabase();
    storeB = freshStore();
    // The text as a byte stream in small, uneven pieces, as a file or an upload arrives.
    const bytes = Buffer.from(routeText);
    const pieces = Array.from({ length: Math.ceil(bytes.length / 4093) }, (_, i) => bytes.subarray(i * 4093, (i + 1) * 4093));
    const summary = await importOrganization(B.prisma, Readable.from(pieces), { blobStore: storeB });
    expect(summary.organization.id).toBe(organizationId);
    expect(summary.counts.stories).toBe(4);
    expect(summary.files).toBe(1);
    bText = await using(B, storeB, async () => exportText((await loadActor(admin.userId, admin.membershipId))!));
  });

  it("exports again to the same archive, but for when it was exported", () => {
    expect(withoutExportedAt(JSON.parse(bText))).toEqual(withoutExportedAt(JSON.parse(routeText)));
  });

  it("is the same from the parsed object as from the text", async () => {
    const C = await freshDatabase();
    const storeC = freshStore();
    await importOrganization(C.prisma, JSON.parse(routeText), { blobStore: storeC });
    const cText = await using(C, storeC, async () => exportText((await loadActor(admin.userId, admin.membershipId))!));
    expect(withoutExportedAt(JSON.parse(cText))).toEqual(withoutExportedAt(JSON.parse(routeText)));
  });

  it("puts the evidence file in the target's own store", async () => {
    const row = await B.prisma.evidence.findFirstOrThrow({ where: { kind: "FILE" } });
    const blob = await storeB.get(row.fileKey!);
    expect(new Uint8Array(await new Response(blob!.stream).arrayBuffer())).toEqual(TINY_PNG_BYTES);
  });

  it("rebuilds the search vectors and report rollups: search finds a story by a word of its narrative", async () => {
    const avaB = await using(B, storeB, async () => (await loadActor(ava.userId, ava.membershipId))!);
    const found = await using(B, storeB, () => searchMyStoryIds(avaB, "zeppelin"));
    expect(found.map((r) => r.id)).toEqual([highlightedId]);
    const vectors = (db: Database) =>
      db.prisma.$queryRaw<{ id: string; s: string }[]>`SELECT id, search::text AS s FROM "Story" WHERE "organizationId" = ${organizationId}::uuid ORDER BY id`;
    expect(await vectors(B)).toEqual(await vectors(A));
    const entryVectors = (db: Database) =>
      db.prisma.$queryRaw<
        { id: string; s: string }[]
      >`SELECT id, search::text AS s FROM "CycleEntry" WHERE "organizationId" = ${organizationId}::uuid ORDER BY id`;
    expect(await entryVectors(B)).toEqual(await entryVectors(A));
    const [rollupTable] = await B.prisma.$queryRaw<{ rollups: string | null }[]>`SELECT to_regclass('"StoryRollup"')::text AS rollups`;
    if (rollupTable?.rollups) {
      const rows = (db: Database) =>
        db.prisma.$queryRawUnsafe<unknown[]>(`SELECT * FROM "StoryRollup" WHERE "organizationId" = $1::uuid ORDER BY "storyId"`, organizationId);
      expect(await rows(B)).toEqual(await rows(A));
    }
  });

  it("brings people without a password: no password signs them in", async () => {
    expect(await B.prisma.user.count({ where: { passwordHash: { not: null } } })).toBe(0);
    for (const person of [admin, ava]) {
      for (const password of [PASSWORD, "", "ripple-demo"]) {
        const result = await using(B, storeB, () => checkCredentials(person.email, password, null));
        expect(result).toEqual({ ok: false, reason: "invalid" });
      }
    }
  });

  it("refuses a target that is not empty, and leaves it as it was", async () => {
    const archive = JSON.parse(routeText);
    await refused(importOrganization(B.prisma, archive, { blobStore: storeB }), "conflict", /not empty/);
    const orgs = await A.prisma.organization.count();
    await refused(importOrganization(A.prisma, archive, { blobStore: freshStore() }), "conflict", /not empty/);
    expect(await A.prisma.organization.count()).toBe(orgs);
  });
});

describe("a broken archive", () => {
  // One empty target for all: each refusal must leave it empty for the next.
  let db: Database;
  let store: LocalDiskStore;
  beforeAll(async () => {
    db = await freshDatabase();
    store = freshStore();
  });

  async function expectRefused(source: unknown, message: RegExp) {
    await refused(importOrganization(db.prisma, source, { blobStore: store }), "invalid", message);
    expect(await db.prisma.organization.count()).toBe(0);
    expect(await db.prisma.user.count()).toBe(0);
    expect(await db.prisma.story.count()).toBe(0);
    const file = (JSON.parse(routeText).evidence as { kind: string; fileKey: string }[]).find((v) => v.kind === "FILE")!;
    expect(await store.get(file.fileKey)).toBeNull();
  }
  const stream = (text: string) => Readable.from([Buffer.from(text)]);

  it("is refused whole, leaving the target empty, when it is another version", async () => {
    const archive = JSON.parse(routeText);
    archive.version = 2;
    await expectRefused(archive, /version/);
    await expectRefused(stream(JSON.stringify(archive)), /version/);
  });

  it("is refused when a record refers to something the archive does not hold, even after its files were written", async () => {
    const archive = JSON.parse(routeText);
    archive.comments[0].storyId = "0190a5b4-0000-7000-8000-00000000dead";
    await expectRefused(stream(JSON.stringify(archive)), /does not contain/);
  });

  it("is refused when a file is not what its record says", async () => {
    const archive = JSON.parse(routeText);
    const file = archive.evidence.find((v: { kind: string }) => v.kind === "FILE");
    const html = Buffer.from("<!doctype html><script>alert(1)</script>");
    file.content = html.toString("base64");
    file.sizeBytes = html.length;
    await expectRefused(stream(JSON.stringify(archive)), /is not the image\/png/);
  });

  it("is refused when it carries a password hash, or is cut short", async () => {
    const archive = JSON.parse(routeText);
    archive.users[0].passwordHash = "$argon2id$v=19$m=19456,t=2,p=1$abc$def";
    await expectRefused(archive, /passwordHash/);
    await expectRefused(stream(JSON.stringify(archive)), /passwordHash/);
    await expectRefused(stream(routeText.slice(0, -200)), /incomplete|ends too early/);
  });
});
