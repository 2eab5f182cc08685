// The capture action as the form calls it: it stores the moment and answers with it alone. It
// revalidates nothing: in Next.js any revalidation in an action renders the whole page the person
// is on into the action's answer (the capture dialog opens on every page, /reports included),
// which made every capture as slow as a page. The form refreshes its page after the answer.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { makeMember, makeOrganization } from "../factories";
import { session } from "../support/session";

const cache = vi.hoisted(() => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), updateTag: vi.fn(), refresh: vi.fn() }));
vi.mock("@/lib/auth/session", () => import("../support/session"));
vi.mock("next/cache", () => cache);

const { getDatabase } = await import("@/lib/db/registry");
const { quickCaptureAction } = await import("@/lib/actions/stories");

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
};

describe("quickCaptureAction", () => {
  beforeEach(() => Object.values(cache).forEach((f) => f.mockClear()));

  it("stores the moment once per clientId, audited, and revalidates no page", async () => {
    const { admin, organizationId } = await makeOrganization();
    session.actor = admin;
    const clientId = randomUUID();
    const first = await quickCaptureAction(null, form({ what: "A tip from the load test channel", channel: "", link: "", startCycle: "IMMEDIATE", clientId }));
    const retry = await quickCaptureAction(null, form({ what: "A tip from the load test channel", channel: "", link: "", startCycle: "IMMEDIATE", clientId }));
    expect(first.ok && retry.ok && first.data.id === retry.data.id).toBe(true);
    const stories = await getDatabase().prisma.story.findMany({ where: { organizationId, clientId }, select: { id: true } });
    expect(stories).toHaveLength(1);
    const audits = await getDatabase().prisma.auditEvent.count({ where: { organizationId, action: "story.created", targetId: stories[0]!.id } });
    expect(audits).toBe(1);
    for (const [name, fn] of Object.entries(cache)) expect(fn, name).not.toHaveBeenCalled();
  });

  it("refuses a capture the offline outbox sends for someone other than who is signed in now, storing nothing", async () => {
    const { admin, organizationId } = await makeOrganization();
    const ana = await makeMember(organizationId);
    session.actor = admin; // Ana signed out in another tab; the admin signed in; Ana's old page comes back online.
    const clientId = randomUUID();
    const fields = { what: "Ana's private note from the offsite", channel: "", link: "", startCycle: "IMMEDIATE", clientId };
    const refused = await quickCaptureAction(null, form({ ...fields, owner: ana.membershipId }));
    expect(refused).toMatchObject({ ok: false, code: "unauthorized" });
    expect(await getDatabase().prisma.story.count({ where: { organizationId, clientId } })).toBe(0);
    // Ana's own session sends it.
    session.actor = ana;
    const sent = await quickCaptureAction(null, form({ ...fields, owner: ana.membershipId }));
    expect(sent.ok).toBe(true);
    expect((await getDatabase().prisma.story.findFirstOrThrow({ where: { organizationId, clientId } })).authorId).toBe(ana.membershipId);
  });
});
