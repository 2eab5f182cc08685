import { describe, expect, it, vi } from "vitest";
import { addComment } from "@/lib/db/comments";
import { listNotifications, markAllRead, markRead, openNotification, unreadCount } from "@/lib/db/notifications";
import { getDatabase } from "@/lib/db/registry";
import { installQueues, runJobs } from "../support/jobs";
import { useSmtpServer } from "../support/smtp";
import { makeMember, makeOrganization, makeStory } from "../factories";

const db = () => getDatabase().prisma;

/** A captured story, published to the organisation. */
const PUBLISHED = { captured: true, status: "PUBLISHED", visibility: "ORG" } as const;

describe("in-app notifications", () => {
  it("counts unread, lists newest first with who and which story, and marks read only the actor's own", async () => {
    const { organizationId } = await makeOrganization();
    const author = await makeMember(organizationId, { name: "Ava Author" });
    const colleague = await makeMember(organizationId, { name: "Cole League" });
    const storyId = await makeStory({ author: author, title: "Templates from my network", ...PUBLISHED });
    await addComment(colleague, storyId, "First");
    await addComment(colleague, storyId, "Second");

    expect(await unreadCount(author)).toBe(2);
    const list = await listNotifications(author, { take: 10 });
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({
      kind: "comment",
      actorName: "Cole League",
      storyTitle: "Templates from my network",
      read: false,
      href: `/stories/${storyId}#comments`,
    });
    expect(list[0]!.text).toBe("Cole League commented on “Templates from my network”");
    expect(list[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(list[1]!.createdAt.getTime());

    // Someone else cannot mark them, list them or open them.
    expect(
      await markRead(
        colleague,
        list.map((n) => n.id),
      ),
    ).toBe(0);
    expect(await markAllRead(colleague)).toBe(0);
    expect(await openNotification(colleague, list[0]!.id)).toBeNull();
    expect(await listNotifications(colleague)).toEqual([]);
    expect(await unreadCount(author)).toBe(2);

    expect(await markRead(author, [list[1]!.id])).toBe(1);
    expect(await unreadCount(author)).toBe(1);
    expect(await openNotification(author, list[0]!.id)).toEqual({ href: `/stories/${storyId}#comments` });
    expect(await unreadCount(author)).toBe(0);
    expect((await listNotifications(author)).every((n) => n.read)).toBe(true);
  });

  it("no other organisation's notifications, and mark all read", async () => {
    const a = await makeOrganization("A");
    const b = await makeOrganization("B");
    const colleague = await makeMember(a.organizationId);
    const storyId = await makeStory({ author: a.admin, title: "A story in A", ...PUBLISHED });
    await addComment(colleague, storyId, "Hi");
    const [n] = await listNotifications(a.admin);
    expect(await markRead(b.admin, [n!.id])).toBe(0);
    expect(await openNotification(b.admin, n!.id)).toBeNull();
    expect(await markAllRead(a.admin)).toBe(1);
    expect(await unreadCount(a.admin)).toBe(0);
  });

  it("hides the story's title (and link) once the recipient can no longer read the story", async () => {
    const { organizationId } = await makeOrganization();
    const author = await makeMember(organizationId);
    const first = await makeMember(organizationId, { name: "First Commenter" });
    const second = await makeMember(organizationId, { name: "Second Commenter" });
    const storyId = await makeStory({ author: author, title: "A story about budgets", ...PUBLISHED });
    await addComment(first, storyId, "One");
    await addComment(second, storyId, "Two");
    expect((await listNotifications(first))[0]).toMatchObject({ storyTitle: "A story about budgets", href: `/stories/${storyId}#comments` });

    await db().story.updateMany({ where: { id: storyId }, data: { visibility: "PRIVATE" } });
    const [n] = await listNotifications(first);
    expect(n).toMatchObject({ storyTitle: null, href: null, actorName: "Second Commenter" });
    expect(n!.text).toBe("Second Commenter commented on a story that is no longer shared with you");
    expect(JSON.stringify(await listNotifications(first))).not.toContain("budgets");
    expect(await openNotification(first, n!.id)).toEqual({ href: null });
    // The author still sees the title.
    expect((await listNotifications(author))[0]!.storyTitle).toBe("A story about budgets");
  });

  it("a follow-up that came due gives one notification, however often the list is read", async () => {
    const { organizationId } = await makeOrganization();
    const author = await makeMember(organizationId);
    const storyId = await makeStory({ author: author, title: "Pairing on reviews", ...PUBLISHED });
    const done = await makeStory({ author: author, title: "Already followed up", ...PUBLISHED });
    const future = await makeStory({ author: author, title: "Not yet", ...PUBLISHED });
    const past = new Date(Date.now() - 2 * 86_400_000);
    await db().followUp.create({
      data: { organizationId, storyId, assigneeId: author.membershipId, requestedById: author.membershipId, cycle: "APPLIED", dueAt: past },
    });
    await db().followUp.create({
      data: { organizationId, storyId: done, assigneeId: author.membershipId, requestedById: author.membershipId, dueAt: past, doneAt: new Date() },
    });
    await db().followUp.create({
      data: { organizationId, storyId: future, assigneeId: author.membershipId, requestedById: author.membershipId, dueAt: new Date(Date.now() + 86_400_000) },
    });

    expect(await unreadCount(author)).toBe(1); // counted before the list has made it
    const first = await listNotifications(author);
    await listNotifications(author);
    expect(await unreadCount(author)).toBe(1);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      kind: "follow_up.due",
      storyTitle: "Pairing on reviews",
      href: `/stories/${storyId}`,
      text: "Time to add what happened next on “Pairing on reviews”",
    });
    expect(await db().notification.count({ where: { recipientId: author.membershipId, kind: "follow_up.due" } })).toBe(1);

    // Read, it stays read; it is not made again.
    await markAllRead(author);
    await listNotifications(author);
    expect(await unreadCount(author)).toBe(0);
    expect(await db().notification.count({ where: { recipientId: author.membershipId, kind: "follow_up.due" } })).toBe(1);
  });

  it("renders reminders and the kinds reserved for questions and confirmations", async () => {
    const { organizationId } = await makeOrganization();
    const author = await makeMember(organizationId);
    const manager = await makeMember(organizationId, { name: "Marco Manager", role: "MANAGER" });
    const storyId = await makeStory({ author: author, title: "Network answer", ...PUBLISHED });
    for (const kind of ["reflection.reminder", "question", "confirmation"]) {
      await db().notification.create({
        data: {
          organizationId,
          recipientId: author.membershipId,
          actorId: kind === "reflection.reminder" ? null : manager.membershipId,
          kind,
          storyId: kind === "reflection.reminder" ? null : storyId,
        },
      });
    }
    const texts = (await listNotifications(author)).map((n) => [n.kind, n.text, n.href]);
    expect(texts).toEqual(
      expect.arrayContaining([
        ["reflection.reminder", "Time for your weekly reflection", "/reflect"],
        ["question", "Marco Manager asked what happened next on “Network answer”", `/stories/${storyId}`],
        ["confirmation", "Marco Manager confirmed a figure on “Network answer”", `/stories/${storyId}`],
      ]),
    );
  });
});

describe("notification digest e-mails over SMTP", () => {
  const { received, url } = useSmtpServer();

  it("sends one digest of unread notifications older than an hour, once, through a real SMTP conversation", async () => {
    vi.stubEnv("SMTP_URL", url());
    vi.resetModules();
    const { runNotificationDigest: scan, notificationDigestEmail } = await import("@/lib/jobs/reminder-job");
    await installQueues([notificationDigestEmail]);
    // The hourly scan enqueues one job per digest; the workers send them.
    const runNotificationDigest = async () => {
      await scan();
      await runJobs([notificationDigestEmail]);
    };
    const { organizationId } = await makeOrganization();
    const author = await makeMember(organizationId, { name: "Digest Person" });
    const colleague = await makeMember(organizationId, { name: "Cole League" });
    const storyId = await makeStory({ author: author, title: "Digestible story", ...PUBLISHED });
    await addComment(colleague, storyId, "Older comment");
    await db().notification.updateMany({ where: { recipientId: author.membershipId }, data: { createdAt: new Date(Date.now() - 2 * 60 * 60_000) } });
    await addComment(colleague, storyId, "Fresh comment"); // less than an hour old: not yet
    const mine = () => received.filter((m) => m.to === author.email);

    await runNotificationDigest();
    expect(mine()).toHaveLength(1);
    const body = mine()[0]!.body.replace(/=\r?\n/g, "");
    expect(body).toContain("Subject: 1 new notification on Ripple");
    expect(body).toContain("Cole League commented on");
    expect(body).toContain("/notifications");
    expect(body).not.toContain("Older comment");

    // Once a day: a second run sends nothing, and the digest's mark is neither listed nor counted.
    await runNotificationDigest();
    expect(mine()).toHaveLength(1);
    expect(await unreadCount(author)).toBe(2);
    expect((await listNotifications(author)).map((n) => n.kind)).toEqual(["comment", "comment"]);
    // Nobody without unread notifications gets one.
    expect(received.filter((m) => m.to === colleague.email)).toHaveLength(0);

    // A day later, the next digest has only what the first did not cover.
    vi.stubEnv("RIPPLE_CLOCK_OFFSET_DAYS", "1.1");
    await runNotificationDigest();
    expect(mine()).toHaveLength(2);
    expect(mine()[1]!.body).toContain("Subject: 1 new notification on Ripple");
    vi.stubEnv("RIPPLE_CLOCK_OFFSET_DAYS", "2.2");
    await runNotificationDigest();
    expect(mine()).toHaveLength(2);
    vi.unstubAllEnvs();
  });

  it("sends nothing when e-mail is not configured", async () => {
    vi.stubEnv("SMTP_URL", "");
    vi.resetModules();
    const { runNotificationDigest } = await import("@/lib/jobs/reminder-job");
    expect(await runNotificationDigest()).toBe(0);
    vi.unstubAllEnvs();
  });
});
