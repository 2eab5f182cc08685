// The pre-aggregated reports (lib/db/reports/cube.ts: "ReportCube", "ReportAuthorCube",
// "ReflectionMonth", kept current by triggers) against the per-story answer (the same reports
// over "StoryRollup" and "Reflection" only), for every kind of reader, period and write. The
// organisation has teams in a tree, two reporting lines, an L&D person with a team and a report
// of their own (so being the author's manager or team-mate adds readers the cube rows cannot
// know), stories in four months in every visibility, drafts, stories in the bin, contributors
// and reflections. After each kind of write the stored cubes must also equal a regrouping of the
// rollups and reflections (by month, and all time), so a write a trigger misses fails here even when no report shows it.
import { beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { reportNetwork, reportNetworkPerRow, reportParticipation, reportParticipationPerRow } from "@/lib/db/reports";
import { monthSplit } from "@/lib/db/reports/cube";
import { eraseStory, trashStory } from "@/lib/db/trash";
import { deactivateMember, updateMember } from "@/lib/db/admin";
import type { Actor } from "@/lib/domain/actor";
import type { ReportFilters } from "@/lib/domain/report-filters";
import type { Visibility } from "@/lib/domain/roles";
import { makeMember, makeReportOrganization, makeStory, makeTeam } from "../factories";

type Org = Awaited<ReturnType<typeof makeReportOrganization>>;
let o: Org;
let lnd2: Actor, e4: Actor, e5: Actor;
let T3: string;
const stories: Record<string, string> = {};

const utc = (s: string) => new Date(`${s}T00:00:00.000Z`);

/** Periods: all time; whole months; ends that are not whole months on both sides; inside one month; open at one end; with a team. */
function periods(): ReportFilters[] {
  return [
    {},
    { from: utc("2025-02-01"), to: utc("2025-04-01") },
    { from: utc("2025-01-20"), to: utc("2025-03-12") },
    { from: utc("2025-03-05"), to: utc("2025-03-20") },
    { to: utc("2025-03-15") },
    { teamId: o.T1, from: utc("2025-01-15"), to: utc("2025-04-20") },
  ];
}

const readers = () => [o.lnd, lnd2, o.mgr, o.e1, o.e3];

/** Every reader and period: the pre-aggregated answer equals the per-story one. */
async function expectSameAnswers() {
  for (const who of readers())
    for (const f of periods()) {
      const label = `${who.role} ${who.membershipId.slice(0, 4)} ${JSON.stringify(f)}`;
      expect(await reportNetwork(who, f), label).toEqual(await reportNetworkPerRow(who, f));
      expect(await reportParticipation(who, f), label).toEqual(await reportParticipationPerRow(who, f));
    }
}

/** The stored cubes (rows that hold anything) equal a regrouping of the live rollups and the reflections. */
async function expectCubesExact() {
  const p = getDatabase().prisma;
  const org = o.organizationId;
  const [stored] = await p.$queryRaw<{ author: unknown; cube: unknown; refl: unknown }[]>`
    SELECT (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x."authorId", x.month, x.visibility), '[]') FROM "ReportAuthorCube" x
              WHERE x."organizationId" = ${org}::uuid AND (x.stories, x.inside, x.outside) <> (0, 0, 0)) AS author,
           (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.month, x."teamId", x.visibility, x."authorActive"), '[]') FROM "ReportCube" x
              WHERE x."organizationId" = ${org}::uuid AND (x.stories, x.inside, x.outside) <> (0, 0, 0)) AS cube,
           (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x."membershipId", x.month), '[]') FROM "ReflectionMonth" x
              WHERE x."organizationId" = ${org}::uuid AND x.completed <> 0) AS refl`;
  const [fresh] = await p.$queryRaw<{ author: unknown; cube: unknown; refl: unknown }[]>`
    WITH a AS (
      SELECT "organizationId", "authorId", m.month, coalesce("authorTeamId", '00000000-0000-0000-0000-000000000000'::uuid) AS "teamId", visibility, "authorActive",
        count(*)::int AS stories, (count(*) FILTER (WHERE inside + outside > 0))::int AS contributed, sum(inside)::int AS inside, sum(outside)::int AS outside,
        sum(strong)::int AS strong, sum(weak)::int AS weak, sum("crossTeam")::int AS "crossTeam"
      FROM "StoryRollup" r CROSS JOIN LATERAL (VALUES (r.month), ('-infinity'::date)) m(month)
      WHERE "organizationId" = ${org}::uuid AND live GROUP BY 1, 2, 3, 4, 5, 6
    ), c AS (
      SELECT "organizationId", month, "teamId", visibility, "authorActive", sum(stories)::int AS stories, sum(contributed)::int AS contributed,
        sum(inside)::int AS inside, sum(outside)::int AS outside, sum(strong)::int AS strong, sum(weak)::int AS weak, sum("crossTeam")::int AS "crossTeam"
      FROM a GROUP BY 1, 2, 3, 4, 5
    ), r AS (
      SELECT "organizationId", "membershipId", m.month, count(*)::int AS completed
      FROM "Reflection" x CROSS JOIN LATERAL (VALUES (date_trunc('month', x."weekStart")::date), ('-infinity'::date)) m(month)
      WHERE "organizationId" = ${org}::uuid AND NOT skipped GROUP BY 1, 2, 3
    )
    SELECT (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x."authorId", x.month, x.visibility), '[]') FROM a x) AS author,
           (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.month, x."teamId", x.visibility, x."authorActive"), '[]') FROM c x) AS cube,
           (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x."membershipId", x.month), '[]') FROM r x) AS refl`;
  expect(stored).toEqual(fresh);
}

async function check() {
  await expectCubesExact();
  await expectSameAnswers();
}

async function reflection(who: Actor, weekStart: string, skipped = false) {
  return getDatabase().prisma.reflection.create({
    data: { organizationId: who.organizationId, membershipId: who.membershipId, weekStart: utc(weekStart), learned: skipped ? "" : "Something", skipped },
  });
}

async function setStory(id: string, data: { visibility?: Visibility; occurredAt?: Date; status?: "DRAFT" | "PUBLISHED" }) {
  await getDatabase().prisma.story.update({ where: { organizationId_id: { organizationId: o.organizationId, id } }, data });
}

beforeAll(async () => {
  o = await makeReportOrganization("Cubes");
  T3 = (await makeTeam(o.organizationId, "T3", o.T2)).id;
  // A second L&D person in a team (T2 covers T3), with a report of their own.
  lnd2 = await makeMember(o.organizationId, { role: "LND", teamId: o.T2 });
  e4 = await makeMember(o.organizationId, { teamId: T3, managerId: lnd2.membershipId });
  e5 = await makeMember(o.organizationId, { teamId: null });
  const months = ["2025-01-12", "2025-02-05", "2025-02-25", "2025-03-10", "2025-03-25", "2025-04-15"];
  const visibilities: Visibility[] = ["ORG", "TEAM", "MANAGER", "PRIVATE"];
  const authors = [o.lnd, lnd2, o.mgr, o.e1, o.e2, o.e3, e4, e5];
  let i = 0;
  for (const author of authors)
    for (const at of months) {
      const visibility = visibilities[i % 4]!;
      const n = i++;
      const key = `${n}`;
      stories[key] = await makeStory({
        author,
        title: `Story ${n}`,
        at,
        visibility,
        status: n % 11 === 5 ? "DRAFT" : "PUBLISHED",
        deletedAt: n % 13 === 7 ? "2025-05-01" : null,
        entries: [{ cycle: "IMMEDIATE", at }],
        contributors:
          n % 3 === 0
            ? [
                { membershipId: authors[(n + 1) % authors.length]!.membershipId, tie: "STRONG" },
                { externalName: `Guest ${n % 5}`, platform: n % 2 ? "LinkedIn" : "Mastodon" },
              ]
            : n % 3 === 1
              ? [{ membershipId: o.e3.membershipId }]
              : [],
      });
    }
  for (const who of [o.e1, o.e2, o.e3, e4, lnd2])
    for (const [w, week] of ["2025-01-27", "2025-02-03", "2025-03-03", "2025-03-17", "2025-03-31"].entries())
      await reflection(who, week, w === 2 && who === o.e3);
});

// Each check runs every report twice for every reader and period (about 120 queries).
describe("the pre-aggregated reports equal the per-story ones", { timeout: 180_000 }, () => {
  it("splits a period into whole months and the ends", () => {
    expect(monthSplit({})).toEqual({ first: null, end: null, none: false, edges: [] });
    expect(monthSplit({ from: utc("2025-02-01"), to: utc("2025-04-01") })).toEqual({
      first: utc("2025-02-01"),
      end: utc("2025-04-01"),
      none: false,
      edges: [],
    });
    expect(monthSplit({ from: utc("2025-01-20"), to: utc("2025-03-12") })).toEqual({
      first: utc("2025-02-01"),
      end: utc("2025-03-01"),
      none: false,
      edges: [
        { from: utc("2025-01-20"), to: utc("2025-02-01") },
        { from: utc("2025-03-01"), to: utc("2025-03-12") },
      ],
    });
    expect(monthSplit({ from: utc("2025-03-05"), to: utc("2025-03-20") }).none).toBe(true);
  });

  it("after the seed, and the figures are the ones worked out by hand for one case", async () => {
    await check();
    // By hand: e3 (T2, no manager) wrote stories 30..35 (author 5 × 6 months), visibility by
    // n % 4: 30 MANAGER, 31 PRIVATE, 32 ORG, 33 TEAM, 34 MANAGER, 35 PRIVATE; none is a draft
    // (n % 11 = 5: 5, 16, 27, 38), 33 is in the bin (n % 13 = 7: 7, 20, 33, 46). e3 reads their
    // own five, and counts nobody else's.
    expect((await reportNetwork(o.e3)).totals).toEqual({ visible: 5, privateCount: 0, hiddenCount: 0 });
    // The organisation-wide readers count every live story once, readable, private or hidden:
    // 8 authors × 6 months = 48, less the drafts (n % 11 = 5: 5, 16, 27, 38) and the stories in
    // the bin (n % 13 = 7: 7, 20, 33, 46). (The per-story path once left out the TEAM stories of
    // people without a team for a reader with a team: readable was NULL there, not FALSE.)
    for (const who of [o.lnd, lnd2, o.admin])
      for (const answer of [await reportNetwork(who), await reportNetworkPerRow(who)]) {
        const t = answer.totals;
        expect(t.visible + t.privateCount + t.hiddenCount).toBe(40);
      }
    // The manager's population is their line: themselves, e1, and e2 below e1.
    expect((await reportParticipation(o.mgr)).people).toBe(3);
  });

  it("a new story, a visibility change, a story moved to another month", async () => {
    await makeStory({ author: o.e2, title: "New", at: "2025-03-11", visibility: "TEAM", contributors: [{ externalName: "New guest", platform: "Slack" }] });
    await check();
    await setStory(stories["3"]!, { visibility: "ORG" });
    await setStory(stories["8"]!, { visibility: "PRIVATE" });
    await check();
    await setStory(stories["9"]!, { occurredAt: new Date("2025-04-02T10:00:00Z") });
    await setStory(stories["16"]!, { status: "PUBLISHED" });
    await check();
  });

  it("a cycle and a contributor added, the bin and an erasure", async () => {
    const p = getDatabase().prisma;
    await p.cycleEntry.create({ data: { organizationId: o.organizationId, storyId: stories["12"]!, cycle: "POTENTIAL", narrative: "More" } });
    await p.contributor.create({
      data: { organizationId: o.organizationId, storyId: stories["12"]!, membershipId: o.e1.membershipId, insideOrg: true, tieStrength: "WEAK" },
    });
    await check();
    await trashStory(o.e1, stories["19"]!);
    await check();
    await trashStory(o.e1, stories["18"]!);
    await eraseStory(o.e1, stories["18"]!);
    await check();
  });

  it("a person moved to another team, and to another line", async () => {
    await updateMember(o.admin, o.e3.membershipId, { teamId: o.T1 });
    await check();
    await updateMember(o.admin, o.e2.membershipId, { managerId: lnd2.membershipId, teamId: T3 });
    await check();
  });

  it("a person deactivated, and the policy that hides them", async () => {
    await deactivateMember(o.admin, e4.membershipId);
    await check();
    await getDatabase().prisma.organization.update({ where: { id: o.organizationId }, data: { deactivatedStories: "HIDE" } });
    await check();
    await getDatabase().prisma.organization.update({ where: { id: o.organizationId }, data: { deactivatedStories: "KEEP" } });
  });

  it("reflections: new, skipped, un-skipped, moved to another week, deleted", async () => {
    const p = getDatabase().prisma;
    const r = await reflection(o.e1, "2025-04-07");
    await check();
    await p.reflection.update({ where: { organizationId_id: { organizationId: o.organizationId, id: r.id } }, data: { skipped: true } });
    await check();
    await p.reflection.update({
      where: { organizationId_id: { organizationId: o.organizationId, id: r.id } },
      data: { skipped: false, weekStart: utc("2025-02-24") },
    });
    await check();
    await p.reflection.delete({ where: { organizationId_id: { organizationId: o.organizationId, id: r.id } } });
    await check();
  });
});
