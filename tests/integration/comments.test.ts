import { describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { addComment, deleteComment, listComments } from "@/lib/db/comments";
import { ExpectedError } from "@/lib/platform/errors";
import { makeMember, makeOrganization, makeStory, makeTeam } from "../factories";
import { expectNotFound } from "../support/assertions";

const db = () => getDatabase().prisma;

/** A captured story, published to the organisation unless a test says otherwise. */
const CAPTURED = { title: "Asked the network about templates", captured: true, status: "PUBLISHED", visibility: "ORG" } as const;

const notificationsOf = (membershipId: string) => db().notification.findMany({ where: { recipientId: membershipId }, orderBy: { createdAt: "asc" } });

describe("comments on a story", () => {
  it("a colleague comments on a published organisation story; the thread lists it oldest first and the author is notified", async () => {
    const { organizationId } = await makeOrganization();
    const author = await makeMember(organizationId, { name: "Ava Author" });
    const colleague = await makeMember(organizationId, { name: "Cole League" });
    const storyId = await makeStory({ author: author, ...CAPTURED });

    await addComment(colleague, storyId, "  Great use of the network!\nMore of this.  ");
    await addComment(author, storyId, "Thanks!");

    const thread = await listComments(author, storyId);
    expect(thread.map((c) => ({ authorName: c.authorName, body: c.body, mine: c.mine, deleted: c.deleted }))).toEqual([
      { authorName: "Cole League", body: "Great use of the network!\nMore of this.", mine: false, deleted: false },
      { authorName: "Ava Author", body: "Thanks!", mine: true, deleted: false },
    ]);
    expect(thread[0]!.createdAt).toBeInstanceOf(Date);
    expect((await listComments(colleague, storyId)).map((c) => c.mine)).toEqual([true, false]);

    // The author was notified of the colleague's comment; the colleague of the author's reply; nobody of their own.
    expect((await notificationsOf(author.membershipId)).map((n) => ({ kind: n.kind, actorId: n.actorId, storyId: n.storyId }))).toEqual([
      { kind: "comment", actorId: colleague.membershipId, storyId },
    ]);
    expect((await notificationsOf(colleague.membershipId)).map((n) => ({ kind: n.kind, actorId: n.actorId }))).toEqual([
      { kind: "comment", actorId: author.membershipId },
    ]);
  });

  it("notifies the author and earlier commenters, but only those who can still read the story", async () => {
    const { organizationId } = await makeOrganization();
    const team = await makeTeam(organizationId);
    const other = await makeTeam(organizationId);
    const author = await makeMember(organizationId, { teamId: team.id });
    const first = await makeMember(organizationId, { teamId: team.id });
    const second = await makeMember(organizationId, { teamId: team.id });
    const third = await makeMember(organizationId, { teamId: team.id });
    const storyId = await makeStory({ author: author, ...CAPTURED, visibility: "TEAM" });

    await addComment(first, storyId, "One");
    await addComment(second, storyId, "Two");
    expect(await notificationsOf(first.membershipId)).toHaveLength(1); // second's comment
    expect(await notificationsOf(author.membershipId)).toHaveLength(2);
    expect(await notificationsOf(second.membershipId)).toHaveLength(0);

    // The first commenter moves to another team: the team story is no longer theirs to see.
    await db().membership.updateMany({ where: { id: first.membershipId }, data: { teamId: other.id } });
    await addComment(third, storyId, "Three");
    expect(await notificationsOf(first.membershipId)).toHaveLength(1);
    expect(await notificationsOf(second.membershipId)).toHaveLength(1);
    expect(await notificationsOf(author.membershipId)).toHaveLength(3);
  });

  it("a draft or a private story cannot be commented on or listed by others", async () => {
    const { organizationId, admin } = await makeOrganization();
    const author = await makeMember(organizationId);
    const colleague = await makeMember(organizationId);
    const draft = await makeStory({ author: author, ...CAPTURED, status: "DRAFT", visibility: "ORG" });
    const privateStory = await makeStory({ author: author, ...CAPTURED, visibility: "PRIVATE" });
    await addComment(author, privateStory, "A note to myself");

    for (const storyId of [draft, privateStory]) {
      for (const viewer of [colleague, admin]) {
        await expectNotFound(addComment(viewer, storyId, "Let me in"));
        expect(await listComments(viewer, storyId)).toEqual([]);
      }
    }
    expect(await db().comment.count({ where: { storyId: { in: [draft, privateStory] } } })).toBe(1);
    expect(await listComments(author, privateStory)).toHaveLength(1);
  });

  it("someone from another organisation can neither list nor add, as if the story did not exist", async () => {
    const a = await makeOrganization("A");
    const b = await makeOrganization("B");
    const author = await makeMember(a.organizationId);
    const storyId = await makeStory({ author: author, ...CAPTURED });
    await addComment(a.admin, storyId, "Inside comment");

    expect(await listComments(b.admin, storyId)).toEqual([]);
    await expectNotFound(addComment(b.admin, storyId, "Hello from B"));
    await expectNotFound(addComment(b.admin, "0190a5b4-0000-7000-8000-000000000000", "Nothing here"));
    const [comment] = await db().comment.findMany({ where: { storyId } });
    await expectNotFound(deleteComment(b.admin, comment!.id));
    expect(await db().comment.count({ where: { storyId } })).toBe(1);
  });

  it("only its author deletes a comment; the thread then shows a placeholder without the text", async () => {
    const { organizationId } = await makeOrganization();
    const author = await makeMember(organizationId);
    const colleague = await makeMember(organizationId, { name: "Cole League" });
    const storyId = await makeStory({ author: author, ...CAPTURED });
    const { id } = await addComment(colleague, storyId, "A secret remark about budgets");

    await expectNotFound(deleteComment(author, id));
    expect((await listComments(author, storyId))[0]!.deleted).toBe(false);

    await deleteComment(colleague, id);
    const thread = await listComments(author, storyId);
    expect(thread).toHaveLength(1);
    expect(thread[0]).toMatchObject({ deleted: true, body: null, authorName: null });
    expect(JSON.stringify(await listComments(colleague, storyId))).not.toContain("secret remark");
    // Deleting again answers not found.
    await expectNotFound(deleteComment(colleague, id));
  });

  it("refuses an empty or too long comment with a clear message", async () => {
    const { organizationId } = await makeOrganization();
    const author = await makeMember(organizationId);
    const storyId = await makeStory({ author: author, ...CAPTURED });
    for (const body of ["", "   \n ", "x".repeat(4001)]) {
      const error = await addComment(author, storyId, body).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExpectedError);
      expect((error as ExpectedError).code).toBe("invalid");
      expect((error as ExpectedError).fieldErrors?.body?.[0]).toMatch(/comment/i);
    }
    await addComment(author, storyId, "x".repeat(4000));
    expect(await listComments(author, storyId)).toHaveLength(1);
  });
});
