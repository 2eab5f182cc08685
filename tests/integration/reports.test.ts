// Every report against counts worked out by hand on a small organisation (see the table below).
import { beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { reportCapitalMix, reportMatrix, reportNetwork, reportParticipation, reportProgression, reportRealizedValue, reportTrends } from "@/lib/db/reports";
import type { Actor } from "@/lib/domain/actor";
import { makeMember, makeOrganization, makeReportOrganization, makeStory } from "../factories";

const d = (iso: string) => new Date(`${iso}T09:00:00.000Z`);

/*
 * Organisation A. Teams: T1 > T1a, and T2. People: lnd (no team), mgr (T1), e1 (T1, reports to mgr),
 * e2 (T1a, reports to e1, so in mgr's subtree), e3 (T2, no manager).
 *
 *  story  author vis      occurred    channel    tags  cycles (days after the previous)         contributors
 *  S1     e1     ORG      2025-01-10  social     ai    IMM, POT +4, APP +10, REAL +10 (120 min, e3 STRONG (T2), "Sam Ext" on LinkedIn WEAK
 *                                                      confirmed)
 *  S2     e2     TEAM     2025-02-05  chat       ai    IMM, POT +2                                e1 WEAK (T1 vs T1a)
 *  S3     e2     MANAGER  2025-03-01  social     -     IMM, APP +10, REAL +10 (2 h, self)        -
 *  S4     e3     PRIVATE  2025-01-20  social     -     IMM                                        "Priv Person"
 *  S5     e1     PRIVATE  2025-02-10  social     -     IMM                                        -
 *  S6     e3     TEAM     2025-04-01  chat       ops   IMM, POT +4                                -
 *  S7     e1     ORG      draft                        IMM                                        -
 *  S8     e1     ORG      in the bin                   IMM                                        -
 *  S9     mgr    ORG      2025-05-01  community  -     IMM                                        -
 * Organisation B: one ORG story with a figure, a contributor and the tag "ai".
 */
let lnd: Actor, mgr: Actor, e1: Actor, e2: Actor, e3: Actor, bAdmin: Actor;
let T1: string, T1a: string, T2: string;

beforeAll(async () => {
  const prisma = getDatabase().prisma;
  const a = await makeReportOrganization("Reports A");
  const org = a.organizationId;
  ({ T1, T1a, T2, lnd, mgr, e1, e2, e3 } = a);

  await makeStory({
    title: "S1 end to end",
    author: e1,
    visibility: "ORG",
    at: "2025-01-10",
    channel: "social",
    tags: ["ai"],
    entries: [
      { cycle: "IMMEDIATE", at: "2025-01-10", keys: ["participation", "networking"] },
      { cycle: "POTENTIAL", at: "2025-01-14", keys: ["capital-human", "capital-social"] },
      { cycle: "APPLIED", at: "2025-01-24", keys: ["tools-used"] },
      { cycle: "REALIZED", at: "2025-02-03", keys: ["personal-performance"], figure: { value: 120, unit: "minutes saved", confirmedBy: mgr.membershipId } },
    ],
    contributors: [
      { membershipId: e3.membershipId, tie: "STRONG" },
      { externalName: "Sam Ext", platform: "LinkedIn", tie: "WEAK" },
    ],
  });
  await makeStory({
    title: "S2 team",
    author: e2,
    visibility: "TEAM",
    at: "2025-02-05",
    channel: "chat",
    tags: ["ai"],
    entries: [
      { cycle: "IMMEDIATE", at: "2025-02-05", keys: ["participation"] },
      { cycle: "POTENTIAL", at: "2025-02-07", keys: ["capital-human"] },
    ],
    contributors: [{ membershipId: e1.membershipId, tie: "WEAK" }],
  });
  await makeStory({
    title: "S3 manager",
    author: e2,
    visibility: "MANAGER",
    at: "2025-03-01",
    channel: "social",
    entries: [
      { cycle: "IMMEDIATE", at: "2025-03-01", keys: ["engagement"] },
      { cycle: "APPLIED", at: "2025-03-11", keys: ["advice-implemented"] },
      { cycle: "REALIZED", at: "2025-03-21", keys: ["org-performance"], figure: { value: 2, unit: "hours saved" } },
    ],
  });
  await makeStory({
    title: "S4 private secret",
    author: e3,
    visibility: "PRIVATE",
    at: "2025-01-20",
    channel: "social",
    entries: [{ cycle: "IMMEDIATE", at: "2025-01-20", keys: ["participation"] }],
    contributors: [{ externalName: "Priv Person", platform: "Slack", tie: "STRONG" }],
  });
  await makeStory({
    title: "S5 private",
    author: e1,
    visibility: "PRIVATE",
    at: "2025-02-10",
    channel: "social",
    entries: [{ cycle: "IMMEDIATE", at: "2025-02-10", keys: ["participation"] }],
  });
  await makeStory({
    title: "S6 other team",
    author: e3,
    visibility: "TEAM",
    at: "2025-04-01",
    channel: "chat",
    tags: ["ops"],
    entries: [
      { cycle: "IMMEDIATE", at: "2025-04-01", keys: ["participation"] },
      { cycle: "POTENTIAL", at: "2025-04-05", keys: ["capital-learning"] },
    ],
  });
  await makeStory({
    title: "S7 draft",
    author: e1,
    visibility: "ORG",
    status: "DRAFT",
    at: "2025-01-11",
    channel: "social",
    entries: [{ cycle: "IMMEDIATE", at: "2025-01-11", keys: ["participation"] }],
  });
  await makeStory({
    title: "S8 binned",
    author: e1,
    visibility: "ORG",
    deletedAt: "2025-06-01",
    at: "2025-01-12",
    channel: "social",
    entries: [{ cycle: "IMMEDIATE", at: "2025-01-12", keys: ["participation"] }],
  });
  await makeStory({
    title: "S9 manager's own",
    author: mgr,
    visibility: "ORG",
    at: "2025-05-01",
    channel: "community",
    entries: [{ cycle: "IMMEDIATE", at: "2025-05-01", keys: ["participation"] }],
  });

  await prisma.reflection.createMany({
    data: [
      { organizationId: org, membershipId: e1.membershipId, weekStart: d("2025-01-06"), learned: "x" },
      { organizationId: org, membershipId: e2.membershipId, weekStart: d("2025-01-06"), skipped: true },
      { organizationId: org, membershipId: e3.membershipId, weekStart: d("2025-01-13"), learned: "y" },
    ],
  });

  const b = await makeOrganization("Reports B");
  bAdmin = b.admin;
  const bPerson = await makeMember(b.organizationId);
  await makeStory({
    title: "B story",
    author: bAdmin,
    visibility: "ORG",
    at: "2025-01-15",
    channel: "social",
    tags: ["ai"],
    entries: [
      { cycle: "IMMEDIATE", at: "2025-01-15", keys: ["participation"] },
      { cycle: "POTENTIAL", at: "2025-01-16", keys: ["capital-human"] },
      { cycle: "REALIZED", at: "2025-01-20", keys: ["personal-performance"], figure: { value: 5, unit: "hours saved" } },
    ],
    contributors: [{ membershipId: bPerson.membershipId, tie: "STRONG" }],
  });
  await prisma.reflection.create({ data: { organizationId: b.organizationId, membershipId: bPerson.membershipId, weekStart: d("2025-01-06"), learned: "z" } });
});

describe("scope and anonymous totals", () => {
  it("L&D counts only readable published stories, PRIVATE and unreadable ones only anonymously", async () => {
    const p = await reportProgression(lnd);
    expect(p.totals).toEqual({ visible: 2, privateCount: 2, hiddenCount: 3 });
    expect(p.stories).toBe(2);
    expect(p.stoppedEarly.map((s) => s.title)).toEqual(["S9 manager's own"]);
  });

  it("a manager sees their reporting subtree and their own stories", async () => {
    const p = await reportProgression(mgr);
    expect(p.totals).toEqual({ visible: 4, privateCount: 1, hiddenCount: 0 });
  });

  it("an employee sees only their own stories, their private ones included, never drafts or binned ones", async () => {
    expect((await reportProgression(e2)).totals).toEqual({ visible: 2, privateCount: 0, hiddenCount: 0 });
    expect((await reportProgression(e1)).totals).toEqual({ visible: 2, privateCount: 0, hiddenCount: 0 });
    expect((await reportProgression(e3)).totals).toEqual({ visible: 2, privateCount: 0, hiddenCount: 0 });
  });

  it("another organisation's data never counts", async () => {
    const p = await reportProgression(bAdmin);
    expect(p.totals).toEqual({ visible: 1, privateCount: 0, hiddenCount: 0 });
    expect(p.reached).toEqual({ IMMEDIATE: 1, POTENTIAL: 1, APPLIED: 0, REALIZED: 1, REFRAMING: 0 });
    expect((await reportNetwork(bAdmin)).contributions).toBe(1);
    expect((await reportRealizedValue(bAdmin)).units).toEqual([
      { key: "hours saved", unit: "hours saved", currency: null, confirmed: 0, selfReported: 5, confirmedCount: 0, selfReportedCount: 1 },
    ]);
    const part = await reportParticipation(bAdmin);
    expect(part.people).toBe(2);
    expect(part.reflecting).toBe(1);
    expect((await reportTrends(lnd, { tag: "ai" })).byCycle.map((b) => b.key)).toEqual(["2025-01"]);
  });
});

describe("matrix", () => {
  it("counts distinct stories per indicator and cycle for a manager", async () => {
    const { matrix } = await reportMatrix(mgr);
    const cell = (key: string) => matrix.rows.find((r) => r.key === key)!.cells;
    expect(cell("participation").IMMEDIATE).toBe(3);
    expect(cell("networking").IMMEDIATE).toBe(1);
    expect(cell("engagement").IMMEDIATE).toBe(1);
    expect(cell("capital-human").POTENTIAL).toBe(2);
    expect(cell("capital-social").POTENTIAL).toBe(1);
    expect(cell("capital-learning").POTENTIAL).toBe(0);
    expect(cell("tools-used").APPLIED).toBe(1);
    expect(cell("advice-implemented").APPLIED).toBe(1);
    expect(cell("personal-performance").REALIZED).toBe(1);
    expect(cell("org-performance").REALIZED).toBe(1);
    expect(matrix.totals).toEqual({ IMMEDIATE: 5, POTENTIAL: 3, APPLIED: 2, REALIZED: 2, REFRAMING: 0 });
  });

  it("for L&D contains only the organisation-wide stories", async () => {
    const { matrix, totals } = await reportMatrix(lnd);
    expect(matrix.totals).toEqual({ IMMEDIATE: 3, POTENTIAL: 2, APPLIED: 1, REALIZED: 1, REFRAMING: 0 });
    expect(totals.privateCount).toBe(2);
  });
});

describe("progression", () => {
  it("reached cycles, median days between adjacent cycles and stories that stopped early", async () => {
    const p = await reportProgression(mgr);
    expect(p.stories).toBe(4);
    expect(p.reached).toEqual({ IMMEDIATE: 4, POTENTIAL: 2, APPLIED: 2, REALIZED: 2, REFRAMING: 0 });
    expect(p.transitions).toEqual([
      { from: "IMMEDIATE", to: "POTENTIAL", stories: 2, medianDays: 3 },
      { from: "POTENTIAL", to: "APPLIED", stories: 1, medianDays: 10 },
      { from: "APPLIED", to: "REALIZED", stories: 2, medianDays: 10 },
      { from: "REALIZED", to: "REFRAMING", stories: 0, medianDays: null },
    ]);
    expect(p.stoppedEarly.map((s) => [s.title, s.furthest])).toEqual([
      ["S2 team", "POTENTIAL"],
      ["S9 manager's own", "IMMEDIATE"],
    ]);
  });
});

describe("filters", () => {
  const visible = async (actor: Actor, f: Parameters<typeof reportProgression>[1]) => (await reportProgression(actor, f)).totals;

  it("period", async () => {
    expect(await visible(mgr, { from: d("2025-02-01"), to: d("2025-04-01") })).toEqual({ visible: 2, privateCount: 1, hiddenCount: 0 });
  });

  it("team, subteams included", async () => {
    expect((await visible(mgr, { teamId: T1 })).visible).toBe(4);
    expect((await visible(mgr, { teamId: T1a })).visible).toBe(2);
    expect(await visible(lnd, { teamId: T1 })).toEqual({ visible: 2, privateCount: 1, hiddenCount: 2 });
    expect(await visible(lnd, { teamId: T2 })).toEqual({ visible: 0, privateCount: 1, hiddenCount: 1 });
    expect((await visible(mgr, { teamId: "not-a-uuid" })).visible).toBe(0);
  });

  it("channel, tag and cycle", async () => {
    expect((await visible(mgr, { channel: "social" })).visible).toBe(2);
    expect((await visible(mgr, { channel: "community" })).visible).toBe(1);
    expect((await visible(mgr, { tag: "ai" })).visible).toBe(2);
    expect((await visible(mgr, { tag: "ops" })).visible).toBe(0);
    expect((await visible(mgr, { cycle: "APPLIED" })).visible).toBe(2);
    expect((await visible(mgr, { cycle: "POTENTIAL" })).visible).toBe(2);
    expect((await visible(mgr, { cycle: "REFRAMING" })).visible).toBe(0);
    const p = await reportProgression(mgr, { tag: "ai", channel: "chat" });
    expect(p.reached).toEqual({ IMMEDIATE: 1, POTENTIAL: 1, APPLIED: 0, REALIZED: 0, REFRAMING: 0 });
  });
});

describe("trends", () => {
  it("per month, per cycle and per channel, empty months included", async () => {
    const t = await reportTrends(mgr, {}, "month");
    expect(t.byCycle.map((b) => b.key)).toEqual(["2025-01", "2025-02", "2025-03", "2025-04", "2025-05"]);
    expect(t.byCycle.map((b) => b.counts)).toEqual([
      { IMMEDIATE: 1, POTENTIAL: 1, APPLIED: 1, REALIZED: 1, REFRAMING: 0 },
      { IMMEDIATE: 1, POTENTIAL: 1, APPLIED: 0, REALIZED: 0, REFRAMING: 0 },
      { IMMEDIATE: 1, POTENTIAL: 0, APPLIED: 1, REALIZED: 1, REFRAMING: 0 },
      { IMMEDIATE: 0, POTENTIAL: 0, APPLIED: 0, REALIZED: 0, REFRAMING: 0 },
      { IMMEDIATE: 1, POTENTIAL: 0, APPLIED: 0, REALIZED: 0, REFRAMING: 0 },
    ]);
    expect(t.byChannel.map((b) => b.counts)).toEqual([
      { chat: 0, community: 0, social: 1 },
      { chat: 1, community: 0, social: 0 },
      { chat: 0, community: 0, social: 1 },
      { chat: 0, community: 0, social: 0 },
      { chat: 0, community: 1, social: 0 },
    ]);
    expect(t.byTeam.map((b) => b.total)).toEqual([1, 1, 1, 0, 1]);
    expect(t.byTeam[1]!.counts[T1a]).toBe(1);
  });

  it("per week starts on Mondays", async () => {
    const t = await reportTrends(lnd, {}, "week");
    expect(t.byCycle[0]!.key).toBe("2025-01-06");
    expect(t.byCycle.reduce((n, b) => n + b.counts.IMMEDIATE!, 0)).toBe(2);
  });
});

describe("knowledge capital, network, realized value, participation", () => {
  it("capital mix from POTENTIAL indicators", async () => {
    expect((await reportCapitalMix(mgr)).counts).toEqual({ HUMAN: 2, SOCIAL: 1, TANGIBLE: 0, REPUTATIONAL: 0, LEARNING: 0 });
    expect((await reportCapitalMix(lnd)).counts).toEqual({ HUMAN: 1, SOCIAL: 1, TANGIBLE: 0, REPUTATIONAL: 0, LEARNING: 0 });
    expect((await reportCapitalMix(e3)).counts).toEqual({ HUMAN: 0, SOCIAL: 0, TANGIBLE: 0, REPUTATIONAL: 0, LEARNING: 1 });
  });

  it("network for a manager and for L&D (private contributors never counted)", async () => {
    const { totals: _m, ...m } = await reportNetwork(mgr);
    expect(m).toEqual({
      contributions: 3,
      inside: 2,
      outside: 1,
      distinctInternalPeople: 2,
      distinctExternalNames: 1,
      distinctPlatforms: 1,
      strong: 1,
      weak: 2,
      crossTeam: 2,
      storiesWithContributors: 2,
    });
    const { totals: _l, ...l } = await reportNetwork(lnd);
    expect(l).toEqual({
      contributions: 2,
      inside: 1,
      outside: 1,
      distinctInternalPeople: 1,
      distinctExternalNames: 1,
      distinctPlatforms: 1,
      strong: 1,
      weak: 1,
      crossTeam: 1,
      storiesWithContributors: 1,
    });
  });

  it("realized value by unit, confirmed and self-reported apart", async () => {
    expect((await reportRealizedValue(mgr)).units).toEqual([
      { key: "hours saved", unit: "hours saved", currency: null, confirmed: 2, selfReported: 2, confirmedCount: 1, selfReportedCount: 1 },
    ]);
    expect((await reportRealizedValue(lnd)).units).toEqual([
      { key: "hours saved", unit: "hours saved", currency: null, confirmed: 2, selfReported: 0, confirmedCount: 1, selfReportedCount: 0 },
    ]);
    expect((await reportRealizedValue(e2, { cycle: "POTENTIAL" })).units).toEqual([]);
  });

  it("participation: a distribution without names, and completed reflections", async () => {
    const m = await reportParticipation(mgr);
    expect(m.people).toBe(3);
    expect(m.logging).toBe(3);
    expect(m.buckets.map((b) => b.people)).toEqual([0, 2, 1, 0, 0]);
    expect([m.reflecting, m.reflections]).toEqual([1, 1]);
    const l = await reportParticipation(lnd);
    expect(l.people).toBe(6);
    expect(l.buckets.map((b) => b.people)).toEqual([4, 2, 0, 0, 0]);
    expect(l.reflecting).toBe(2);
    const period = await reportParticipation(lnd, { from: d("2025-01-10"), to: d("2025-02-01") });
    expect(period.reflecting).toBe(1);
    expect(period.buckets.map((b) => b.people)).toEqual([5, 1, 0, 0, 0]);
    const team = await reportParticipation(lnd, { teamId: T1 });
    expect(team.people).toBe(3);
  });
});
