// The organisation archive's format: the schema accepts what the export writes and refuses other
// versions and any secret; the writer's pieces make one JSON document; the incremental reader
// gives the same records whatever the chunking or layout, and refuses broken or reordered text.
import { describe, expect, it } from "vitest";
import {
  ARCHIVE_END,
  SECTIONS,
  archiveHeaderText,
  missingParts,
  orgArchiveSchema,
  recordText,
  sectionCloseText,
  sectionOpenText,
  type OrgArchive,
} from "@/lib/domain/org-archive";
import { ArchiveReader, ArchiveSyntaxError, type ArchiveEvent } from "@/lib/domain/org-archive-reader";

const ORG = "0190a5b4-0000-7000-8000-000000000001";
const T = "2026-01-05T09:30:00.000Z";
const id = (n: number) => `0190a5b4-0000-7000-8000-${String(n).padStart(12, "0")}`;

function sample(): OrgArchive {
  return {
    format: "ripple.organization",
    version: 1,
    exportedAt: T,
    organization: {
      id: ORG,
      name: "Acme",
      slug: "acme-1a2b3c",
      isDemo: false,
      defaultVisibility: "TEAM",
      reflectionDay: 5,
      deactivatedStories: "KEEP",
      createdAt: T,
      updatedAt: T,
    },
    teams: [{ id: id(10), name: "Support", parentId: null, createdAt: T }],
    users: [{ id: id(20), email: "ada@acme.test", name: "Ada", createdAt: T, updatedAt: T }],
    memberships: [
      {
        id: id(30),
        userId: id(20),
        role: "ADMIN",
        status: "ACTIVE",
        teamId: id(10),
        managerId: null,
        reflectionDay: null,
        deactivatedAt: null,
        createdAt: T,
        updatedAt: T,
      },
    ],
    channels: [{ id: id(40), key: "social", label: "Social media", sortOrder: 0, retiredAt: null, createdAt: T }],
    indicators: [
      {
        id: id(50),
        key: "reciprocity",
        cycle: "IMMEDIATE",
        capitalKind: null,
        label: "Reciprocity",
        description: "",
        sortOrder: 0,
        retiredAt: T,
        createdAt: T,
      },
    ],
    tags: [{ id: id(60), name: "escalations", createdAt: T }],
    stories: [
      {
        id: id(70),
        authorId: id(30),
        title: 'A "quoted" title, with {braces} and [brackets] \\ and ünïcödé',
        narrative: "Line one\nline two",
        occurredAt: T,
        channelId: id(40),
        visibility: "ORG",
        status: "PUBLISHED",
        version: 4,
        minutesInvested: 5,
        minutesSaved: 120,
        highlightedAt: T,
        highlightedById: id(30),
        deletedAt: null,
        createdAt: T,
        updatedAt: T,
      },
    ],
    cycleEntries: [
      {
        id: id(80),
        storyId: id(70),
        cycle: "REALIZED",
        narrative: "",
        indicatorKeys: ["org-performance"],
        figureValue: "116.00",
        figureUnit: "minutes saved",
        confirmedById: id(30),
        confirmedAt: T,
        recordedAt: T,
        updatedAt: T,
      },
    ],
    evidence: [
      {
        id: id(90),
        cycleEntryId: id(80),
        kind: "FILE",
        url: null,
        label: null,
        fileKey: `${ORG}/abc`,
        fileName: "a.png",
        mimeType: "image/png",
        sizeBytes: 3,
        createdAt: T,
        content: "AQID",
      },
      {
        id: id(91),
        cycleEntryId: id(80),
        kind: "LINK",
        url: "https://example.org/x",
        label: "x",
        fileKey: null,
        fileName: null,
        mimeType: null,
        sizeBytes: null,
        createdAt: T,
        content: null,
      },
    ],
    contributors: [
      { id: id(100), storyId: id(70), membershipId: null, externalName: "Jo", platform: "LinkedIn", insideOrg: false, tieStrength: "WEAK", createdAt: T },
    ],
    storyTags: [{ storyId: id(70), tagId: id(60) }],
    comments: [{ id: id(110), storyId: id(70), authorId: id(30), body: "Nice", createdAt: T, editedAt: null, deletedAt: T }],
    readings: [{ id: id(120), storyId: id(70), reviewerId: id(30), cycles: ["APPLIED"], indicatorKeys: [], note: "", createdAt: T, updatedAt: T }],
    reflections: [
      {
        id: id(130),
        membershipId: id(30),
        weekStart: "2026-01-05",
        learned: "x",
        performance: "",
        organisation: "",
        skipped: false,
        sharedWithManager: true,
        createdAt: T,
        updatedAt: T,
        storyIds: [id(70)],
      },
    ],
    followUps: [{ id: id(140), storyId: id(70), assigneeId: id(30), requestedById: id(30), cycle: null, note: "", dueAt: T, doneAt: null, createdAt: T }],
    notifications: [{ id: id(150), recipientId: id(30), actorId: null, kind: "comment", storyId: id(70), readAt: null, createdAt: T }],
    auditEvents: [
      {
        id: id(160),
        actorId: id(30),
        action: "export.created",
        subject: null,
        targetType: "export",
        targetId: null,
        meta: { kind: "json", n: [1, null] },
        createdAt: T,
      },
    ],
  };
}

/** The archive as the export writes it, with the same pieces. */
function written(a: OrgArchive): string {
  const { format, version, exportedAt, organization } = a;
  let text = archiveHeaderText({ format, version, exportedAt, organization });
  for (const s of SECTIONS) {
    text += sectionOpenText(s);
    a[s].forEach((r, i) => (text += recordText(r, i === 0)));
    text += sectionCloseText(a[s].length === 0);
  }
  return text + ARCHIVE_END;
}

/** Reads text in chunks of `size` characters and rebuilds the archive object from the events. */
function readBack(text: string, size: number): Record<string, unknown> {
  const reader = new ArchiveReader();
  const events: ArchiveEvent[] = [];
  for (let i = 0; i < text.length; i += size) events.push(...reader.push(text.slice(i, i + size)));
  events.push(...reader.end());
  const out: Record<string, unknown> = {};
  for (const e of events) {
    if (e.type === "header") out[e.key] = e.value;
    else if (e.type === "sectionStart") out[e.section] = [];
    else if (e.type === "record") (out[e.section] as unknown[]).push(e.value);
  }
  return out;
}

describe("the archive schema", () => {
  it("accepts an archive as the export writes it", () => {
    expect(orgArchiveSchema.safeParse(sample()).success).toBe(true);
  });

  it.each<[string, (a: Record<string, unknown>) => void, string]>([
    ["another version", (a) => (a.version = 2), "version"],
    ["version as text", (a) => (a.version = "1"), "version"],
    ["another format", (a) => (a.format = "ripple.story"), "format"],
    ["a missing section", (a) => delete a.comments, "comments"],
    ["a password hash on a person", (a) => ((a.users as Record<string, unknown>[])[0]!.passwordHash = "$argon2id$v=19$…"), "users"],
    ["a token hash anywhere", (a) => ((a.memberships as Record<string, unknown>[])[0]!.tokenHash = "abc"), "memberships"],
    ["an invitations section", (a) => (a.invites = []), "invites"],
    ["sessions", (a) => (a.sessions = []), "sessions"],
    ["a figure as a float", (a) => ((a.cycleEntries as Record<string, unknown>[])[0]!.figureValue = 116.5), "cycleEntries"],
    ["a figure with three decimals", (a) => ((a.cycleEntries as Record<string, unknown>[])[0]!.figureValue = "1.005"), "cycleEntries"],
    ["an unknown visibility", (a) => ((a.stories as Record<string, unknown>[])[0]!.visibility = "PUBLIC"), "stories"],
    ["a date that is not ISO 8601", (a) => ((a.stories as Record<string, unknown>[])[0]!.occurredAt = "5 Jan 2026"), "stories"],
    ["file content that is not base64", (a) => ((a.evidence as Record<string, unknown>[])[0]!.content = "not base64!"), "evidence"],
    ["a slug with capitals", (a) => ((a.organization as Record<string, unknown>).slug = "Acme"), "organization"],
  ])("refuses %s", (_label, change, where) => {
    const a = sample() as unknown as Record<string, unknown>;
    change(a);
    const result = orgArchiveSchema.safeParse(a);
    expect(result.success).toBe(false);
    expect(result.error!.issues.some((i) => i.path[0] === where || (i.code === "unrecognized_keys" && i.keys.includes(where)))).toBe(true);
  });

  it("has no field for a secret in any record", () => {
    const text = JSON.stringify(sample());
    for (const secret of ["passwordHash", "tokenHash", "password", "secret", "session"]) expect(text).not.toContain(`"${secret}"`);
    expect(Object.keys(orgArchiveSchema.shape)).not.toContain("invites");
  });
});

describe("writing", () => {
  it("makes one JSON document that JSON.parse reads back to the same archive", () => {
    const a = sample();
    expect(JSON.parse(written(a))).toEqual(a);
  });

  it("writes empty sections as empty arrays", () => {
    const a = { ...sample(), comments: [], auditEvents: [] };
    expect(JSON.parse(written(a))).toEqual(a);
  });
});

describe("ArchiveReader", () => {
  const text = written(sample());

  it.each([1, 2, 3, 7, 64, 1000, text.length])("reads the same records in chunks of %i characters", (size) => {
    expect(readBack(text, size)).toEqual(sample());
  });

  it("reads a pretty-printed archive, and one with a byte-order mark", () => {
    expect(readBack(JSON.stringify(sample(), null, 2), 5)).toEqual(sample());
    expect(readBack("\uFEFF" + JSON.stringify(sample()), 13)).toEqual(sample());
  });

  it("holds one record at a time: each record event arrives once it is complete", () => {
    const reader = new ArchiveReader();
    const cut = text.indexOf('"stories":[') + 20;
    const first = reader.push(text.slice(0, cut));
    expect(first.filter((e) => e.type === "record" && e.section === "stories")).toHaveLength(0);
    const rest = reader.push(text.slice(cut));
    expect(rest.filter((e) => e.type === "record" && e.section === "stories")).toHaveLength(1);
  });

  it.each<[string, string, RegExp]>([
    ["a cut-short file", text.slice(0, text.length - 30), /ends too early/],
    ["an array at the top", "[]", /one JSON object/],
    ["a section that is not an array", '{"format":"ripple.organization","teams":{}}', /must be an array/],
    ["a key twice", '{"format":"a","format":"b"}', /twice/],
    ["an unknown part", '{"format":"a","invites":[]}', /unknown part "invites"/],
    ["sections out of order", '{"format":"a","stories":[],"teams":[]}', /comes too late/],
    ["a broken record", '{"format":"a","teams":[{"id":1,}]}', /not valid JSON/],
    ["text after the end", '{"format":"a"} x', /after the end/],
    ["a trailing comma in a section", '{"format":"a","teams":[{"id":1},]}', /not valid JSON|expected/],
  ])("refuses %s", (_label, input, message) => {
    expect(() => readBack(input, 4)).toThrow(ArchiveSyntaxError);
    expect(() => readBack(input, 4)).toThrow(message);
  });

  it("names the parts an archive lacks", () => {
    expect(missingParts(["format", "version", "exportedAt", "organization", ...SECTIONS.filter((s) => s !== "tags")])).toEqual(["tags"]);
  });
});
