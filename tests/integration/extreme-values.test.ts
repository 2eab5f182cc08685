// Every bound in the schemas matches what its column holds: each schema's extreme accepted values
// (longest texts in four-byte characters, largest and smallest figures and minutes, earliest and
// latest dates, fullest lists) are parsed by the real schema, written to the real database
// through the real data functions, and read back unchanged. And the values just past each bound
// are refused by the schema, before any write.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CYCLES } from "@/lib/domain/framework";
import { getDatabase } from "@/lib/db/registry";
import { createTeam, listAuditEvents, renameTeam } from "@/lib/db/admin";
import { addChannel, addIndicator, renameChannel, renameIndicator, updateOrgSettings } from "@/lib/db/org-settings";
import { acceptInvite, createInvite } from "@/lib/db/invites";
import { createOrganizationWithAdmin } from "@/lib/db/organizations";
import { addComment } from "@/lib/db/comments";
import { askWhatHappenedNext, recordReading, teamFeed } from "@/lib/db/review";
import { saveReflection, setReflectionDay } from "@/lib/db/reflections";
import { scheduleFollowUp } from "@/lib/db/follow-ups";
import { findMyStories, quickCapture } from "@/lib/db/stories";
import { getStoryForEditing, saveStoryDocument, setStoryStatus } from "@/lib/db/story-editor";
import { reportMatrix, reportNetwork, reportParticipation } from "@/lib/db/reports";
import { reportStories } from "@/lib/db/report-stories";
import { acceptInviteSchema, auditFilterSchema, channelAddSchema, indicatorAddSchema, orgSettingsSchema, teamCreateSchema } from "@/lib/validation/admin";
import { signUpSchema } from "@/lib/validation/auth";
import { addCommentSchema } from "@/lib/validation/comments";
import { DECIMAL_14_2_MAX, INT4_MAX } from "@/lib/validation/common";
import { reflectionDaySchema, reflectionInputSchema } from "@/lib/validation/reflection";
import { parseReportFilters } from "@/lib/validation/report-filters";
import { askNextSchema, readingSchema, teamFiltersSchema } from "@/lib/validation/review";
import { followUpSchema, saveStorySchema, storyDocSchema } from "@/lib/validation/story-editor";
import { parseStoryFilters } from "@/lib/validation/story-filters";
import { quickCaptureSchema } from "@/lib/validation/story";
import { makeMember, makeOrganization, makeTeam, PASSWORD, uniqueEmail } from "../factories";

const db = () => getDatabase().prisma;

/** Text of `n` characters (code points, as zod counts them), each four bytes in UTF-8: the most a field can hold. */
const longest = (n: number, seed = "𝔘") => seed.repeat(n);

const accepted = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => {
  const result = schema.safeParse(input);
  if (!result.success) throw new Error(`refused: ${JSON.stringify(z.flattenError(result.error))}`);
  return result.data;
};
const refused = (schema: z.ZodType, input: unknown, label = "") => expect(schema.safeParse(input).success, label).toBe(false);

async function org() {
  const { admin, organizationId } = await makeOrganization("Extreme Org");
  const team = await makeTeam(organizationId, "Core");
  const manager = await makeMember(organizationId, { role: "MANAGER", teamId: team.id });
  const author = await makeMember(organizationId, { role: "EMPLOYEE", teamId: team.id, managerId: manager.membershipId });
  return { admin, organizationId, team, manager, author };
}

const URL_2000 = `https://example.com/${"a".repeat(2000 - "https://example.com/".length)}`;

function fullDoc(occurredOn: string, figure: number, indicatorKeys: string[]) {
  return {
    title: longest(200),
    narrative: longest(8000),
    occurredOn,
    channel: "social",
    visibility: "ORG",
    minutesInvested: 1_000_000,
    minutesSaved: 0,
    tags: Array.from({ length: 10 }, (_, i) => `${String(i).padStart(2, "0")}${"ß".repeat(28)}`),
    contributors: Array.from({ length: 20 }, (_, i) => ({
      membershipId: null,
      name: `${i}${longest(120 - String(i).length)}`,
      platform: longest(60),
      insideOrg: i % 2 === 0,
      tie: i % 2 ? "WEAK" : "STRONG",
    })),
    entries: Object.fromEntries(
      CYCLES.map((c) => [
        c,
        {
          narrative: longest(8000),
          indicators: indicatorKeys.slice(0, 30),
          figureValue: c === "REALIZED" ? figure : -figure,
          figureUnit: longest(40),
          links: Array.from({ length: 20 }, (_, i) => ({ url: `${URL_2000.slice(0, 1996)}${String(i).padStart(4, "0")}`, label: longest(200) })),
        },
      ]),
    ),
  };
}

describe("a story at every bound: written and read back unchanged", () => {
  it.each([
    ["the earliest day and the largest figure", "1900-01-01", DECIMAL_14_2_MAX],
    ["the latest day and the smallest step of a figure", "2100-12-31", 0.01],
  ])("%s", async (_label, occurredOn, figure) => {
    const w = await org();
    const keys = (await db().indicator.findMany({ where: { organizationId: w.organizationId }, select: { key: true }, orderBy: { key: "asc" } })).map(
      (i) => i.key,
    );
    const { id } = await quickCapture(w.author, accepted(quickCaptureSchema, { what: longest(200), channel: "social", link: URL_2000 }));
    await setStoryStatus(w.author, id, "PUBLISHED");
    const editing = (await getStoryForEditing(w.author, id))!;
    const input = accepted(saveStorySchema, { storyId: id, baseVersion: editing.version, doc: fullDoc(occurredOn, figure, keys) });
    const saved = await saveStoryDocument(w.author, id, input.baseVersion, input.doc);
    expect(saved.status).toBe("saved");
    const back = (await getStoryForEditing(w.author, id))!;
    expect(back.doc).toEqual({ ...input.doc, tags: [...input.doc.tags].sort() });
    expect(back.doc.entries.REALIZED.figureValue).toBe(figure);
    expect(back.doc.entries.APPLIED.figureValue).toBe(-figure);

    // Saving the same document again is not a change (the stored figure is exactly the typed one).
    const again = await saveStoryDocument(w.author, id, back.version, input.doc);
    expect(again.status).toBe("saved");
    // The reports and the team's feed read it at its extreme date.
    const filters = parseReportFilters({ from: "1900-01-01", to: "9999-12-31" });
    await expect(reportMatrix(w.admin, filters)).resolves.toBeDefined();
    // The pre-aggregated reports too: the period's end, the day after 9999-12-31, is in year 10000.
    await expect(reportNetwork(w.admin, filters)).resolves.toMatchObject({ totals: expect.anything() });
    await expect(reportParticipation(w.admin, filters)).resolves.toBeDefined();
    await expect(reportStories(w.admin, filters)).resolves.toBeDefined();
    const feed = await teamFeed(w.manager, accepted(teamFiltersSchema, { from: "1900-01-01", to: "9999-12-31" }));
    expect(feed.stories.map((s) => s.id)).toContain(id);
  });

  it("refuses the values just past each bound, before anything is written", () => {
    const base = fullDoc("2000-01-01", 1, []);
    const doc = (patch: Record<string, unknown>) => ({ ...base, ...patch });
    const entry = (patch: Record<string, unknown>) => doc({ entries: { ...base.entries, REALIZED: { ...base.entries.REALIZED, ...patch } } });
    for (const [label, bad] of [
      ["before 1900", doc({ occurredOn: "1899-12-31" })],
      ["after 2100", doc({ occurredOn: "2101-01-01" })],
      ["year 0", doc({ occurredOn: "0000-01-01" })],
      ["not a day", doc({ occurredOn: "2025-02-29" })],
      ["title", doc({ title: longest(201) })],
      ["minutes", doc({ minutesInvested: 1_000_001 })],
      ["negative minutes", doc({ minutesSaved: -1 })],
      ["tags", doc({ tags: Array.from({ length: 11 }, (_, i) => `t${i}`) })],
      ["figure 1e12", entry({ figureValue: 1e12 })],
      ["figure -1e12", entry({ figureValue: -1e12 })],
      ["a tenth of a cent", entry({ figureValue: 0.001 })],
      ["1e400", entry({ figureValue: "1e400" })],
      ["narrative", entry({ narrative: longest(8001) })],
    ] as const) {
      refused(storyDocSchema, bad, label);
    }
    refused(saveStorySchema, { storyId: "0190a5b4-0000-7000-8000-000000000001", baseVersion: INT4_MAX + 1, doc: base });
    expect(saveStorySchema.safeParse({ storyId: "0190a5b4-0000-7000-8000-000000000001", baseVersion: INT4_MAX, doc: base }).success).toBe(true);
  });

  it("a base version at the top of the column's range is a conflict, not a database error", async () => {
    const w = await org();
    const { id } = await quickCapture(w.author, { what: "A moment", channel: "social", startCycle: "IMMEDIATE" });
    const editing = (await getStoryForEditing(w.author, id))!;
    // Changed content: the same content saved again is never a conflict, whatever the version.
    const input = accepted(saveStorySchema, { storyId: id, baseVersion: INT4_MAX, doc: { ...editing.doc, title: "A moment, retold" } });
    expect((await saveStoryDocument(w.author, id, input.baseVersion, input.doc)).status).toBe("conflict");
  });
});

describe("the other writes at their bounds", () => {
  it("organisation, catalogue, teams, invitations and people", async () => {
    const email = accepted(signUpSchema, {
      organizationName: longest(100),
      name: longest(100),
      email: `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(57)}.com`,
      password: "x".repeat(200),
    });
    expect(email.email.length).toBe(254);
    const created = await createOrganizationWithAdmin(email);
    expect((await db().organization.findUniqueOrThrow({ where: { id: created.organizationId } })).name).toBe(email.organizationName);

    const w = await org();
    const team = await createTeam(w.admin, accepted(teamCreateSchema, { name: longest(80), parentId: w.team.id }));
    await renameTeam(w.admin, team.id, longest(80, "𝔙"));
    const channel = await addChannel(w.admin, accepted(channelAddSchema, { label: longest(60) }).label);
    await renameChannel(w.admin, channel.id, longest(60, "𝔙"));
    const indicator = await addIndicator(
      w.admin,
      accepted(indicatorAddSchema, { label: longest(100), cycle: "REFRAMING", capitalKind: "LEARNING", description: longest(300) }),
    );
    await renameIndicator(w.admin, indicator.id, longest(100, "𝔙"));
    for (const reflectionDay of [0, 6])
      await updateOrgSettings(
        w.admin,
        accepted(orgSettingsSchema, { defaultVisibility: "PRIVATE", reflectionDay: String(reflectionDay), deactivatedStories: "HIDE" }),
      );
    refused(orgSettingsSchema, { defaultVisibility: "PRIVATE", reflectionDay: "7", deactivatedStories: "HIDE" });

    const invite = await createInvite(w.admin, { role: "ADMIN", teamId: team.id, managerId: w.manager.membershipId });
    const joined = accepted(acceptInviteSchema, { token: invite.token, name: longest(100), email: uniqueEmail("joiner"), password: PASSWORD });
    const { token: _token, ...rest } = joined;
    await acceptInvite(invite.token, rest);
    expect((await db().user.findUniqueOrThrow({ where: { email: joined.email } })).name).toBe(joined.name);

    // The audit log filtered over the widest period it accepts.
    const filter = accepted(auditFilterSchema, { from: "1900-01-01", to: "9999-12-31" });
    expect(filter).toMatchObject({ from: "1900-01-01", to: "9999-12-31" });
    expect((await listAuditEvents(w.admin, filter)).events.length).toBeGreaterThan(0);
    expect(accepted(auditFilterSchema, { from: "0000-01-01", to: "+275760-09-13" })).toEqual({});
  });

  it("comments, questions, readings, reflections, follow-ups and the story list's filters", async () => {
    const w = await org();
    const stories: string[] = [];
    for (let i = 0; i < 20; i++) stories.push((await quickCapture(w.author, { what: `Moment ${i}`, channel: "social", startCycle: "IMMEDIATE" })).id);
    const first = stories[0]!;
    const editing = (await getStoryForEditing(w.author, first))!;
    await saveStoryDocument(w.author, first, editing.version, { ...editing.doc, visibility: "MANAGER" });
    await setStoryStatus(w.author, first, "PUBLISHED");

    const comment = accepted(addCommentSchema, { storyId: first, body: longest(4000) });
    await addComment(w.manager, comment.storyId, comment.body);
    const ask = accepted(askNextSchema, { storyId: first, note: longest(1000) });
    await askWhatHappenedNext(w.manager, ask.storyId, ask.note);
    const keys = (await db().indicator.findMany({ where: { organizationId: w.organizationId }, select: { key: true } })).map((i) => i.key);
    const reading = accepted(readingSchema, {
      storyId: first,
      cycles: [...CYCLES],
      indicatorKeys: [...keys, ...Array.from({ length: 40 }, (_, i) => `k${i}`)].slice(0, 40),
      note: longest(2000),
    });
    await recordReading(w.manager, first, reading);
    const stored = await db().storyReading.findFirstOrThrow({ where: { storyId: first } });
    expect(stored.note).toBe(reading.note);
    expect(stored.cycles).toEqual([...CYCLES]);

    const reflection = accepted(reflectionInputSchema, {
      learned: longest(4000),
      performance: longest(4000),
      organizationImpact: longest(4000),
      storyIds: stories,
      sharedWithManager: "on",
    });
    await saveReflection(w.author, reflection);
    await setReflectionDay(w.author, accepted(reflectionDaySchema, { reflectionDay: "6" }).reflectionDay);
    await scheduleFollowUp(w.author, first, accepted(followUpSchema, { storyId: first, weeks: "6" }).weeks);

    const filters = parseStoryFilters({ q: longest(200), from: "1900-01-01", to: "9999-12-31", tag: longest(60), channel: "social" });
    await expect(findMyStories(w.author, filters)).resolves.toBeDefined();
    const wide = parseStoryFilters({ from: "1900-01-01", to: "9999-12-31" });
    expect((await findMyStories(w.author, wide)).stories.length).toBe(20);
  });
});
