// The report rollups ("StoryRollup") are kept current by database triggers. Here every kind of
// write the product makes goes through the real data functions (quick capture, the editor's
// whole-document save, sharing, the bin, confirmation, highlight, team moves, deactivation,
// erasure), and after each one the stored rollup must hold the values worked out by hand in the
// test (so a bug in the rollup function itself is caught), must equal a fresh recomputation
// from the base tables (so no kind of write escapes the triggers), and the reports must show
// the change.
import { beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { quickCapture } from "@/lib/db/stories";
import { getStoryForEditing, saveStoryDocument, setStoryStatus } from "@/lib/db/story-editor";
import { eraseStory, restoreStory, trashStory } from "@/lib/db/trash";
import { confirmFigure, setHighlight } from "@/lib/db/review";
import { deactivateMember, updateMember } from "@/lib/db/admin";
import { reportNetwork, reportProgression, reportRealizedValue, reportTrends } from "@/lib/db/reports";
import type { Actor } from "@/lib/domain/actor";
import type { StoryDoc } from "@/lib/domain/story";
import { makeMember, makeOrganization, makeTeam } from "../factories";

let admin: Actor, lnd: Actor, mgr: Actor, author: Actor, helper: Actor;
let orgId: string, teamA: string, teamB: string;

/** The stored rollups of the organisation against a recomputation from the base tables. */
async function expectRollupsExact() {
  const prisma = getDatabase().prisma;
  const stored = await prisma.$queryRaw<
    unknown[]
  >`SELECT to_jsonb(r) - 'storyId' AS row, r."storyId"::text AS id FROM "StoryRollup" r WHERE r."organizationId" = ${orgId}::uuid ORDER BY r."storyId"`;
  const stories = await prisma.story.count({ where: { organizationId: orgId } });
  expect(stored).toHaveLength(stories);
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT ripple_refresh_story_rollups(ARRAY(SELECT id FROM "Story" WHERE "organizationId" = ${orgId}::uuid))`;
    const fresh = await tx.$queryRaw<
      unknown[]
    >`SELECT to_jsonb(r) - 'storyId' AS row, r."storyId"::text AS id FROM "StoryRollup" r WHERE r."organizationId" = ${orgId}::uuid ORDER BY r."storyId"`;
    expect(stored).toEqual(fresh);
  });
}

/**
 * The stored rollup of the story, as plain JSON values (timestamps in UTC without a zone), for
 * comparison with values worked out by hand. The indicator bits are checked through the matrix.
 */
async function rollupOf(storyId: string): Promise<Record<string, unknown>> {
  const [row] = await getDatabase().prisma.$queryRaw<{ row: Record<string, unknown> | string }[]>`
    SELECT to_jsonb(r) - 'storyId' - 'organizationId' - 'indicatorMask' AS row FROM "StoryRollup" r WHERE r."storyId" = ${storyId}::uuid`;
  if (!row) throw new Error("no rollup");
  return typeof row.row === "string" ? JSON.parse(row.row) : row.row;
}

async function editDoc(actor: Actor, storyId: string, change: (doc: StoryDoc) => void) {
  const editable = await getStoryForEditing(actor, storyId);
  if (!editable) throw new Error("not editable");
  const doc = structuredClone(editable.doc);
  change(doc);
  const result = await saveStoryDocument(actor, storyId, editable.version, doc);
  expect(result.status).toBe("saved");
}

beforeAll(async () => {
  const o = await makeOrganization("Rollups");
  orgId = o.organizationId;
  admin = o.admin;
  teamA = (await makeTeam(orgId, "A")).id;
  teamB = (await makeTeam(orgId, "B")).id;
  lnd = await makeMember(orgId, { role: "LND" });
  mgr = await makeMember(orgId, { role: "MANAGER", teamId: teamA });
  author = await makeMember(orgId, { teamId: teamA, managerId: mgr.membershipId });
  helper = await makeMember(orgId, { teamId: teamA });
});

describe("report rollups kept current on write", () => {
  let storyId: string;

  it("a quick capture is a draft: in the rollups, not in the reports", async () => {
    storyId = (await quickCapture(author, { what: "Asked the forum about flaky builds", channel: "social", startCycle: "IMMEDIATE", link: "" } as never)).id;
    // By hand: a draft (not live) of the author in team A, one IMMEDIATE entry (bit 1), nothing else.
    expect(await rollupOf(storyId)).toMatchObject({
      authorId: author.membershipId,
      authorTeamId: teamA,
      authorActive: true,
      live: false,
      highlighted: false,
      reached: 1,
      furthest: 1,
      gapPotential: null,
      gapApplied: null,
      gapRealized: null,
      gapReframing: null,
      cellsExtra: null,
      figureCycles: null,
      figureUnits: null,
      figureValues: null,
      figureConfirmed: null,
      inside: 0,
      outside: 0,
      strong: 0,
      weak: 0,
      crossTeam: 0,
      helpers: null,
      externals: null,
      platforms: null,
    });
    await expectRollupsExact();
    expect((await reportProgression(lnd)).stories).toBe(0);
  });

  it("the editor's save, then sharing, reach the reports", async () => {
    await editDoc(author, storyId, (doc) => {
      doc.visibility = "ORG";
      doc.occurredOn = "2026-03-10";
      doc.entries.IMMEDIATE = { ...doc.entries.IMMEDIATE, figureValue: 4, figureUnit: "Minutes to answer" };
      doc.entries.POTENTIAL = { narrative: "A checklist", indicators: ["capital-human"], figureValue: null, figureUnit: "", links: [] };
      doc.entries.REALIZED = { narrative: "Builds fixed faster", indicators: [], figureValue: 90, figureUnit: "minutes saved", links: [] };
      doc.contributors = [
        { membershipId: helper.membershipId, name: "", platform: "", insideOrg: true, tie: "STRONG" },
        { membershipId: null, name: "Kim  on Mastodon", platform: "Mastodon", insideOrg: false, tie: "WEAK" },
        { membershipId: null, name: "Lee", platform: "LinkedIn", insideOrg: false, tie: "WEAK" },
      ];
    });
    // By hand: 10 Mar 2026 (a Tuesday; the editor keeps noon UTC) is in March and in the week of
    // Monday 9 Mar. Cycles IMMEDIATE 1 + POTENTIAL 2 + REALIZED 8 = 11, furthest REALIZED (4).
    // Only immediate→potential are adjacent (both recorded now, so a few seconds at most apart).
    // Figures in cycle order. Helpers: one inside (same team, strong), two outside (weak); outside
    // names and platforms as counted (lower case, one space), sorted.
    const saved = await rollupOf(storyId);
    expect(saved).toMatchObject({
      live: false,
      visibility: "ORG",
      occurredAt: "2026-03-10T12:00:00",
      month: "2026-03-01",
      week: "2026-03-09",
      reached: 11,
      furthest: 4,
      gapApplied: null,
      gapRealized: null,
      gapReframing: null,
      figureCycles: ["IMMEDIATE", "REALIZED"],
      figureUnits: ["Minutes to answer", "minutes saved"],
      figureValues: [4, 90],
      figureConfirmed: [false, false],
      inside: 1,
      outside: 2,
      strong: 1,
      weak: 2,
      crossTeam: 0,
      helpers: [helper.membershipId],
      externals: ["kim on mastodon", "lee"],
      platforms: ["linkedin", "mastodon"],
    });
    expect(saved.gapPotential).toBeGreaterThanOrEqual(0);
    expect(saved.gapPotential).toBeLessThan(0.01);
    await expectRollupsExact();
    expect((await reportProgression(lnd)).stories).toBe(0);
    await setStoryStatus(author, storyId, "PUBLISHED");
    expect(await rollupOf(storyId)).toMatchObject({ live: true, reached: 11 });
    await expectRollupsExact();
    const p = await reportProgression(lnd);
    expect(p.stories).toBe(1);
    expect(p.reached).toMatchObject({ IMMEDIATE: 1, POTENTIAL: 1, APPLIED: 0, REALIZED: 1 });
    const n = await reportNetwork(lnd);
    expect(n).toMatchObject({
      inside: 1,
      outside: 2,
      strong: 1,
      weak: 2,
      crossTeam: 0,
      distinctInternalPeople: 1,
      distinctExternalNames: 2,
      distinctPlatforms: 2,
    });
  });

  it("a confirmation and a highlight", async () => {
    await confirmFigure(mgr, storyId);
    await setHighlight(mgr, storyId, true);
    // Only the realized figure is confirmed.
    expect(await rollupOf(storyId)).toMatchObject({ highlighted: true, figureCycles: ["IMMEDIATE", "REALIZED"], figureConfirmed: [false, true] });
    await expectRollupsExact();
    const v = await reportRealizedValue(lnd);
    expect(v.units).toEqual([expect.objectContaining({ unit: "hours saved", confirmed: 1.5, selfReported: 0 })]);
    expect(v.otherCycles).toEqual([{ cycle: "IMMEDIATE", units: [expect.objectContaining({ unit: "Minutes to answer", total: 4, count: 1 })] }]);
  });

  it("moving the helper to another team makes the tie cross-team; moving the author moves the story's team", async () => {
    await updateMember(admin, helper.membershipId, { teamId: teamB });
    expect(await rollupOf(storyId)).toMatchObject({ authorTeamId: teamA, crossTeam: 1 });
    await expectRollupsExact();
    expect((await reportNetwork(lnd)).crossTeam).toBe(1);
    await updateMember(admin, author.membershipId, { teamId: teamB });
    expect(await rollupOf(storyId)).toMatchObject({ authorTeamId: teamB, crossTeam: 0 });
    await expectRollupsExact();
    expect((await reportNetwork(lnd)).crossTeam).toBe(0);
    const t = await reportTrends(lnd, {}, "month");
    expect(
      t.byTeam.flatMap((b) =>
        Object.entries(b.counts)
          .filter(([, n]) => n > 0)
          .map(([k]) => k),
      ),
    ).toEqual([teamB]);
  });

  it("the bin, restore, deactivation and erasure", async () => {
    await trashStory(author, storyId);
    expect(await rollupOf(storyId)).toMatchObject({ live: false });
    await expectRollupsExact();
    expect((await reportProgression(lnd)).stories).toBe(0);
    await restoreStory(author, storyId);
    expect(await rollupOf(storyId)).toMatchObject({ live: true });
    await expectRollupsExact();
    expect((await reportProgression(lnd)).stories).toBe(1);
    await deactivateMember(admin, author.membershipId);
    expect(await rollupOf(storyId)).toMatchObject({ authorActive: false });
    await expectRollupsExact();
    await getDatabase().prisma.organization.update({ where: { id: orgId }, data: { deactivatedStories: "HIDE" } });
    expect((await reportProgression(lnd)).totals).toMatchObject({ visible: 0, hiddenCount: 1 });
    await getDatabase().prisma.organization.update({ where: { id: orgId }, data: { deactivatedStories: "KEEP" } });
    await trashStory(author, storyId);
    await eraseStory(author, storyId);
    await expectRollupsExact();
    expect(await getDatabase().prisma.storyRollup.count({ where: { organizationId: orgId } })).toBe(0);
  });
});

describe("the matrix's indicator places", () => {
  it("counts an indicator named outside its own cycle, and survives a catalogue entry that sorts first", async () => {
    const prisma = getDatabase().prisma;
    const o = await makeOrganization("Places");
    const who = await makeMember(o.organizationId, { role: "LND" });
    const story = await prisma.story.create({
      data: {
        organizationId: o.organizationId,
        authorId: who.membershipId,
        title: "Off-cycle",
        occurredAt: new Date("2026-02-01T09:00:00Z"),
        visibility: "ORG",
        status: "PUBLISHED",
        entries: {
          create: [
            { cycle: "POTENTIAL", indicatorKeys: ["capital-human"] },
            // A potential-value indicator named in the applied entry: counted in the APPLIED column.
            { cycle: "APPLIED", indicatorKeys: ["capital-human", "not-in-catalogue"] },
          ],
        },
      },
    });
    const { reportCapitalMix, reportMatrix } = await import("@/lib/db/reports");
    const cell = async (key: string) => (await reportMatrix(who)).matrix.rows.find((r) => r.key === key)?.cells;
    expect(await cell("capital-human")).toMatchObject({ POTENTIAL: 1, APPLIED: 1 });
    expect(await cell("not-in-catalogue")).toMatchObject({ APPLIED: 1 });
    expect((await reportCapitalMix(who)).counts.HUMAN).toBe(1);

    // An indicator created "before" every other one moves every place by one: the rollups follow.
    await prisma.indicator.create({
      data: { organizationId: o.organizationId, key: "zz-first", cycle: "IMMEDIATE", label: "First", createdAt: new Date("2000-01-01T00:00:00Z") },
    });
    expect(await cell("capital-human")).toMatchObject({ POTENTIAL: 1, APPLIED: 1 });
    expect(await cell("zz-first")).toMatchObject({ IMMEDIATE: 0 });
    expect((await reportCapitalMix(who)).counts.HUMAN).toBe(1);
    expect(await prisma.storyRollup.count({ where: { storyId: story.id } })).toBe(1);
  });
});
