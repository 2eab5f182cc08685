// The stories behind the reports (drill-down, stories to tell) and the network picture's data,
// against counts worked out by hand on a small organisation (see the table below).
import { beforeAll, describe, expect, it } from "vitest";
import { reportGraph } from "@/lib/db/report-graph";
import { reportTeams } from "@/lib/db/report-options";
import { REPORT_STORIES_PAGE_SIZE, reportStories, reportTopStories } from "@/lib/db/report-stories";
import type { Actor } from "@/lib/domain/actor";
import { makeMember, makeOrganization, makeReportOrganization, makeStory } from "../factories";

const d = (iso: string) => new Date(`${iso}T09:00:00.000Z`);

/*
 * Organisation A. Teams: T1 > T1a, and T2. People: lnd (no team), mgr (T1), e1 (T1, reports to mgr),
 * e2 (T1a, reports to e1, so in mgr's subtree), e3 (T2, no manager).
 *
 *  story  author vis      occurred    cycles (indicators)                                   contributors              other
 *  S1     e1     ORG      2025-01-10  IMM (participation, networking), POT (capital-human),  e3 STRONG, "Sam Ext" on
 *                                     APP (tools-used), REAL (120 minutes saved, confirmed)  LinkedIn WEAK, " sam  ext" WEAK
 *  S2     e2     TEAM     2025-02-05  IMM (participation), POT (capital-human)               e1 WEAK                   picked for leadership
 *  S3     e2     MANAGER  2025-03-01  IMM (engagement), APP (advice-implemented),
 *                                     REAL (2 hours saved, self-reported)
 *  S4     e3     PRIVATE  2025-01-20  IMM (participation)                                    "Priv Person"
 *  S5     e1     PRIVATE  2025-02-10  IMM (participation)
 *  S6     e3     TEAM     2025-04-01  IMM (participation), POT (capital-learning)
 *  S7     e1     ORG      draft       IMM (participation)
 *  S8     e1     ORG      in the bin  IMM (participation)
 *  S9     mgr    ORG      2025-05-01  IMM (participation)
 *
 * Readable, so in the reports: L&D S1, S9; mgr S1, S2, S3, S9; e1 S1, S5; e2 S2, S3; e3 S4, S6.
 * Organisation B: one ORG story "B story" (participation) with a contributor.
 * Organisation C: 30 ORG stories by one person, for paging.
 */
let lnd: Actor, mgr: Actor, e1: Actor, e2: Actor, e3: Actor, bAdmin: Actor, cAdmin: Actor;
let T1: string, T1a: string, T2: string;
const id: Record<string, string> = {};

beforeAll(async () => {
  ({ T1, T1a, T2, lnd, mgr, e1, e2, e3 } = await makeReportOrganization("Report stories A", {
    names: { lnd: "Lena Lnd", mgr: "Mia Manager", e1: "Eve One", e2: "Ed Two", e3: "Emma Three" },
  }));

  id.S1 = await makeStory({
    title: "S1 end to end",
    author: e1,
    visibility: "ORG",
    at: "2025-01-10",
    channel: "social",
    entries: [
      { cycle: "IMMEDIATE", at: "2025-01-10", keys: ["participation", "networking"] },
      { cycle: "POTENTIAL", at: "2025-01-14", keys: ["capital-human"] },
      { cycle: "APPLIED", at: "2025-01-24", keys: ["tools-used"] },
      { cycle: "REALIZED", at: "2025-02-03", keys: ["personal-performance"], figure: { value: 120, unit: "minutes saved", confirmedBy: mgr.membershipId } },
    ],
    contributors: [
      { membershipId: e3.membershipId, tie: "STRONG" },
      { externalName: "Sam Ext", platform: "LinkedIn", tie: "WEAK" },
      { externalName: " sam  ext", tie: "WEAK" },
    ],
  });
  id.S2 = await makeStory({
    title: "S2 team",
    author: e2,
    visibility: "TEAM",
    at: "2025-02-05",
    channel: "chat",
    highlighted: { at: "2025-02-05", by: mgr.membershipId },
    entries: [
      { cycle: "IMMEDIATE", at: "2025-02-05", keys: ["participation"] },
      { cycle: "POTENTIAL", at: "2025-02-07", keys: ["capital-human"] },
    ],
    contributors: [{ membershipId: e1.membershipId, tie: "WEAK" }],
  });
  id.S3 = await makeStory({
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
  id.S4 = await makeStory({
    title: "S4 private secret",
    author: e3,
    visibility: "PRIVATE",
    at: "2025-01-20",
    channel: "social",
    entries: [{ cycle: "IMMEDIATE", at: "2025-01-20", keys: ["participation"] }],
    contributors: [{ externalName: "Priv Person", platform: "Slack", tie: "STRONG" }],
  });
  id.S5 = await makeStory({
    title: "S5 private",
    author: e1,
    visibility: "PRIVATE",
    at: "2025-02-10",
    channel: "social",
    entries: [{ cycle: "IMMEDIATE", at: "2025-02-10", keys: ["participation"] }],
  });
  id.S6 = await makeStory({
    title: "S6 other team",
    author: e3,
    visibility: "TEAM",
    at: "2025-04-01",
    channel: "chat",
    entries: [
      { cycle: "IMMEDIATE", at: "2025-04-01", keys: ["participation"] },
      { cycle: "POTENTIAL", at: "2025-04-05", keys: ["capital-learning"] },
    ],
  });
  id.S7 = await makeStory({
    title: "S7 draft",
    author: e1,
    visibility: "ORG",
    status: "DRAFT",
    at: "2025-01-11",
    channel: "social",
    entries: [{ cycle: "IMMEDIATE", at: "2025-01-11", keys: ["participation"] }],
  });
  id.S8 = await makeStory({
    title: "S8 binned",
    author: e1,
    visibility: "ORG",
    deletedAt: "2025-06-01",
    at: "2025-01-12",
    channel: "social",
    entries: [{ cycle: "IMMEDIATE", at: "2025-01-12", keys: ["participation"] }],
  });
  id.S9 = await makeStory({
    title: "S9 manager's own",
    author: mgr,
    visibility: "ORG",
    at: "2025-05-01",
    channel: "community",
    entries: [{ cycle: "IMMEDIATE", at: "2025-05-01", keys: ["participation"] }],
  });

  const b = await makeOrganization("Report stories B");
  bAdmin = b.admin;
  const bPerson = await makeMember(b.organizationId, { name: "Bea B" });
  await makeStory({
    title: "B story",
    author: bAdmin,
    visibility: "ORG",
    at: "2025-01-15",
    channel: "social",
    entries: [{ cycle: "IMMEDIATE", at: "2025-01-15", keys: ["participation"] }],
    contributors: [{ membershipId: bPerson.membershipId, tie: "STRONG" }],
  });

  const c = await makeOrganization("Report stories C");
  cAdmin = c.admin;
  for (let i = 0; i < 30; i++) {
    const day = String(1 + i).padStart(2, "0");
    await makeStory({
      title: `C${day}`,
      author: cAdmin,
      visibility: "ORG",
      at: `2025-01-${day}`,
      channel: "reading",
      entries: [{ cycle: "IMMEDIATE", at: `2025-01-${day}`, keys: ["participation"] }],
    });
  }
});

const titles = (items: { title: string }[]) => items.map((s) => s.title.split(" ")[0]);

describe("reportStories: the stories behind a figure", () => {
  it.each<[string, () => Actor, Parameters<typeof reportStories>[1], Parameters<typeof reportStories>[2], string[]]>([
    ["manager, a matrix cell", () => mgr, {}, { at: "IMMEDIATE", indicator: "participation" }, ["S9", "S2", "S1"]],
    ["L&D, the same cell", () => lnd, {}, { at: "IMMEDIATE", indicator: "participation" }, ["S9", "S1"]],
    ["L&D, the same cell, team T1 and below", () => lnd, { teamId: "T1" }, { at: "IMMEDIATE", indicator: "participation" }, ["S9", "S1"]],
    ["L&D, the same cell, team T2", () => lnd, { teamId: "T2" }, { at: "IMMEDIATE", indicator: "participation" }, []],
    ["manager, a cycle reached", () => mgr, {}, { at: "APPLIED" }, ["S3", "S1"]],
    ["manager, an indicator in any cycle", () => mgr, {}, { indicator: "capital-human" }, ["S2", "S1"]],
    ["manager, an indicator in another cycle than its own", () => mgr, {}, { at: "APPLIED", indicator: "capital-human" }, []],
    ["manager, everything", () => mgr, {}, {}, ["S9", "S3", "S2", "S1"]],
    ["manager, with a report filter (channel)", () => mgr, { channel: "social" }, {}, ["S3", "S1"]],
    ["manager, with a report filter (period)", () => mgr, { from: d("2025-02-01"), to: d("2025-04-01") }, {}, ["S3", "S2"]],
    ["manager, stopped early: longest waiting first", () => mgr, {}, { stalled: true }, ["S2", "S9"]],
    ["employee e2, everything: their own", () => e2, {}, {}, ["S3", "S2"]],
    ["employee e1, their private story included", () => e1, {}, { at: "IMMEDIATE" }, ["S5", "S1"]],
    ["employee e3, their private story", () => e3, {}, { indicator: "participation" }, ["S6", "S4"]],
    ["another organisation", () => bAdmin, {}, { at: "IMMEDIATE", indicator: "participation" }, ["B"]],
  ])("%s", async (_label, actor, filters, drill, expected) => {
    const f = { ...filters };
    if (f.teamId === "T1") f.teamId = T1;
    if (f.teamId === "T2") f.teamId = T2;
    const page = await reportStories(actor(), f, drill);
    expect(titles(page.stories)).toEqual(expected);
    expect(page.total).toBe(expected.length);
  });

  it("a story the actor may not read never appears, whatever the drill-down", async () => {
    const drills = [{}, { at: "IMMEDIATE" as const }, { indicator: "participation" }, { stalled: true }];
    const forbidden: [Actor, string[]][] = [
      [lnd, ["S2", "S3", "S4", "S5", "S6", "S7", "S8", "B"]],
      [mgr, ["S4", "S5", "S6", "S7", "S8", "B"]],
      [e2, ["S1", "S4", "S5", "S6", "S7", "S8", "S9", "B"]],
      [bAdmin, ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9"]],
    ];
    for (const [actor, hidden] of forbidden)
      for (const drill of drills) {
        const seen = titles((await reportStories(actor, {}, drill)).stories);
        for (const h of hidden) expect(seen).not.toContain(h);
      }
  });

  it("lists each story with its author, channel, value chain, highlight and headline figure", async () => {
    const { stories } = await reportStories(mgr, {}, {});
    const s1 = stories.find((s) => s.id === id.S1)!;
    expect(s1).toMatchObject({
      title: "S1 end to end",
      author: "Eve One",
      channel: "Social platform",
      visibility: "ORG",
      cycles: ["IMMEDIATE", "POTENTIAL", "APPLIED", "REALIZED"],
      furthest: "REALIZED",
      highlighted: false,
      figure: { value: 120, unit: "minutes saved", confirmed: true, cycle: "REALIZED" },
    });
    expect(s1.occurredAt.toISOString()).toBe("2025-01-10T09:00:00.000Z");
    expect(s1.lastRecordedAt?.toISOString()).toBe("2025-02-03T09:00:00.000Z");
    expect(s1.chain.map((c) => c.reached)).toEqual([true, true, true, true, false]);
    const s2 = stories.find((s) => s.id === id.S2)!;
    expect(s2).toMatchObject({ highlighted: true, figure: null, furthest: "POTENTIAL" });
    expect(stories.find((s) => s.id === id.S3)!.figure).toEqual({ value: 2, unit: "hours saved", confirmed: false, cycle: "REALIZED" });
  });

  it("pages through the stories, newest first, and a page past the end is empty but keeps the total", async () => {
    const first = await reportStories(cAdmin, {}, {}, 1);
    expect(first).toMatchObject({ total: 30, page: 1, pageCount: 2, pageSize: REPORT_STORIES_PAGE_SIZE });
    expect(first.stories).toHaveLength(25);
    expect(first.stories[0]!.title).toBe("C30");
    const second = await reportStories(cAdmin, {}, {}, 2);
    expect(titles(second.stories)).toEqual(["C05", "C04", "C03", "C02", "C01"]);
    const beyond = await reportStories(cAdmin, {}, {}, 9);
    expect(beyond.stories).toEqual([]);
    expect(beyond.total).toBe(30);
    expect((await reportStories(cAdmin, {}, {}, 0)).page).toBe(1);
  });
});

describe("reportTopStories: the stories a report leads with", () => {
  it("per cycle: picked for leadership first, then the most complete; each story under the furthest cycle it ranks in", async () => {
    // Ranked pools: IMMEDIATE S2 S1 S3 S9, POTENTIAL S2 S1, APPLIED S1 S3, REALIZED S1 S3, REFRAMING none.
    // Filled from reframing down: REALIZED takes S1 and S3; APPLIED has nothing new, so it shows no
    // story (never one already shown further along); POTENTIAL takes S2; IMMEDIATE is left with S9.
    const top = await reportTopStories(mgr);
    expect(titles(top.byCycle.REFRAMING)).toEqual([]);
    expect(titles(top.byCycle.REALIZED)).toEqual(["S1", "S3"]);
    expect(titles(top.byCycle.APPLIED)).toEqual([]);
    expect(titles(top.byCycle.POTENTIAL)).toEqual(["S2"]);
    expect(titles(top.byCycle.IMMEDIATE)).toEqual(["S9"]);
    expect(titles(top.leading)).toEqual(["S2", "S1", "S3", "S9"]);
  });

  it("never shows one story in two columns", async () => {
    for (const actor of [mgr, lnd, e1, e2, e3, cAdmin]) {
      const ids = Object.values((await reportTopStories(actor)).byCycle).flatMap((list) => list.map((s) => s.id));
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it("at most three per cycle, and five to lead with", async () => {
    const top = await reportTopStories(cAdmin);
    expect(titles(top.byCycle.IMMEDIATE)).toEqual(["C30", "C29", "C28"]);
    expect(titles(top.leading)).toEqual(["C30", "C29", "C28", "C27", "C26"]);
  });

  it("only from stories the actor may read", async () => {
    const top = await reportTopStories(lnd);
    expect(titles(top.byCycle.REALIZED)).toEqual(["S1"]);
    expect(titles(top.byCycle.APPLIED)).toEqual([]);
    expect(titles(top.byCycle.POTENTIAL)).toEqual([]);
    expect(titles(top.byCycle.IMMEDIATE)).toEqual(["S9"]);
    expect(titles(top.leading)).toEqual(["S1", "S9"]);
    expect(titles((await reportTopStories(e3)).leading)).toEqual(["S6", "S4"]);
    expect(titles((await reportTopStories(bAdmin)).leading)).toEqual(["B"]);
  });

  it("follows the report filters", async () => {
    const top = await reportTopStories(mgr, { channel: "chat" });
    expect(titles(top.leading)).toEqual(["S2"]);
    expect(top.byCycle.APPLIED).toEqual([]);
  });
});

describe("reportGraph: people and stories", () => {
  it("a manager's picture: the stories they may read, their authors and everyone who helped", async () => {
    const g = await reportGraph(mgr);
    expect(g.totalStories).toBe(4);
    expect(titles(g.stories)).toEqual(["S9", "S3", "S2", "S1"]);
    expect(g.stories.find((s) => s.id === id.S1)!.furthest).toBe("REALIZED");
    const m = (a: Actor) => `m:${a.membershipId}`;
    expect(g.people.map((p) => p.id).sort()).toEqual([m(mgr), m(e1), m(e2), m(e3), "x:sam ext"].sort());
    const e3Person = g.people.find((p) => p.id === m(e3))!;
    expect(e3Person).toEqual({ id: m(e3), kind: "member", name: "Emma Three", teamId: T2, teamName: "T2" });
    const sam = g.people.find((p) => p.id === "x:sam ext")!;
    expect(sam.kind).toBe("external");
    expect(sam.name.toLowerCase().replace(/\s+/g, " ")).toBe("sam ext");
    expect(sam.kind === "external" && sam.platform).toBe("LinkedIn");
    const link = (storyKey: string, person: string) => g.links.find((l) => l.storyId === id[storyKey] && l.personId === person);
    expect(g.links).toHaveLength(7);
    expect(link("S1", m(e1))).toMatchObject({ role: "author", tie: null });
    expect(link("S1", m(e3))).toMatchObject({ role: "contributor", tie: "STRONG", crossTeam: true });
    expect(link("S1", "x:sam ext")).toMatchObject({ role: "contributor", tie: "WEAK", crossTeam: false });
    expect(link("S2", m(e1))).toMatchObject({ role: "contributor", tie: "WEAK", crossTeam: true });
    expect(link("S2", m(e2))).toMatchObject({ role: "author" });
    expect(link("S3", m(e2))).toMatchObject({ role: "author" });
    expect(link("S9", m(mgr))).toMatchObject({ role: "author" });
  });

  it("L&D's picture holds only organisation-wide stories; private helpers never appear", async () => {
    const g = await reportGraph(lnd);
    expect(titles(g.stories)).toEqual(["S9", "S1"]);
    expect(g.totalStories).toBe(2);
    expect(g.people).toHaveLength(4);
    expect(g.people.map((p) => p.name)).not.toContain("Priv Person");
    expect(g.people.map((p) => p.name)).not.toContain("Ed Two");
    expect(g.links).toHaveLength(4);
  });

  it("the author of a private story sees who helped with it", async () => {
    const g = await reportGraph(e3);
    expect(titles(g.stories)).toEqual(["S6", "S4"]);
    expect(g.people.map((p) => p.name).sort()).toEqual(["Emma Three", "Priv Person"]);
  });

  it("is bounded to the latest stories, and says how many there are", async () => {
    const g = await reportGraph(mgr, {}, { limit: 2 });
    expect(titles(g.stories)).toEqual(["S9", "S3"]);
    expect(g.totalStories).toBe(4);
    expect(g.people.map((p) => p.name).sort()).toEqual(["Ed Two", "Mia Manager"]);
    expect(g.links).toHaveLength(2);
  });

  it("never crosses organisations, and follows the filters", async () => {
    const b = await reportGraph(bAdmin);
    expect(titles(b.stories)).toEqual(["B"]);
    expect(b.people.map((p) => p.name).sort()).toEqual(["Ada Admin", "Bea B"]);
    const none = await reportGraph(mgr, { channel: "reading" });
    expect(none).toEqual({ stories: [], people: [], links: [], totalStories: 0 });
  });
});

describe("reportTeams: the teams a report may be narrowed to", () => {
  it("L&D: every team, as a tree with paths; a manager: their team, the teams below and their reports' teams; an employee: none", async () => {
    const all = await reportTeams(lnd);
    expect(all.options.map((t) => [t.path, t.depth])).toEqual([
      ["T1", 0],
      ["T1 › T1a", 1],
      ["T2", 0],
    ]);
    expect(all.names.get(T2)).toBe("T2");
    expect((await reportTeams(mgr)).options.map((t) => t.id)).toEqual([T1, T1a]);
    expect((await reportTeams(e2)).options).toEqual([]);
    expect((await reportTeams(bAdmin)).options).toEqual([]);
  });
});
