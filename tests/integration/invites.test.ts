import { describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import { checkCredentials } from "@/lib/db/auth";
import { acceptInvite, createInvite, getInviteByToken, hashInviteToken, listInvites, revokeInvite } from "@/lib/db/invites";
import { makeMember, makeOrganization, makeTeam, uniqueEmail } from "../factories";
import { refused } from "../support/assertions";

const db = () => getDatabase().prisma;
const PW = "a long enough password";

describe("invitations", () => {
  it("stores only the token's hash and gives a link path that expires in 14 days", async () => {
    const { admin, organizationId } = await makeOrganization();
    const invite = await createInvite(admin, { role: "EMPLOYEE" });
    expect(invite.path).toBe(`/invite/${invite.token}`);
    expect(Buffer.from(invite.token, "base64url")).toHaveLength(32);
    const row = await db().invite.findFirstOrThrow({ where: { id: invite.id } });
    expect(row.tokenHash).toBe(hashInviteToken(invite.token));
    expect(row.tokenHash).not.toContain(invite.token);
    const days = (row.expiresAt.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(14);
    expect(invite.emailed).toBe(false); // SMTP is not configured in tests
    expect((await listInvites(admin)).map((i) => [i.id, i.state])).toEqual([[invite.id, "pending"]]);
    expect(await db().auditEvent.count({ where: { organizationId, action: "invite.created", targetId: invite.id } })).toBe(1);
  });

  it("accepting creates the person with the invitation's role, team and manager, in that organisation", async () => {
    const { admin, organizationId } = await makeOrganization("Acme");
    const team = await makeTeam(organizationId, "Support");
    const boss = await makeMember(organizationId, { role: "MANAGER" });
    const invite = await createInvite(admin, { role: "EMPLOYEE", teamId: team.id, managerId: boss.membershipId });
    expect(await getInviteByToken(invite.token)).toEqual({ organizationName: "Acme", role: "EMPLOYEE", email: null, name: null });
    const email = uniqueEmail("new");
    const result = await acceptInvite(invite.token, { name: "Nia New", email, password: PW });
    const membership = await db().membership.findFirstOrThrow({ where: { id: result.membershipId }, include: { user: true } });
    expect(membership).toMatchObject({ organizationId, role: "EMPLOYEE", teamId: team.id, managerId: boss.membershipId, status: "ACTIVE" });
    expect(membership.user).toMatchObject({ email, name: "Nia New" });
    expect(membership.user.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await checkCredentials(email, PW, null)).ok).toBe(true);
    const accepted = await db().auditEvent.findFirstOrThrow({ where: { organizationId, action: "invite.accepted" } });
    expect(accepted).toMatchObject({
      actorId: result.membershipId,
      targetId: invite.id,
      meta: { role: "EMPLOYEE", teamId: team.id, managerId: boss.membershipId },
    });
    expect((await listInvites(admin))[0]!.state).toBe("accepted");
    // Used once only.
    expect(await getInviteByToken(invite.token)).toBeNull();
    expect((await refused(acceptInvite(invite.token, { name: "Again", email: uniqueEmail(), password: PW }))).code).toBe("not_found");
  });

  it("an invitation for a manager role makes a manager", async () => {
    const { admin } = await makeOrganization();
    const invite = await createInvite(admin, { role: "MANAGER" });
    const result = await acceptInvite(invite.token, { name: "Max Manager", email: uniqueEmail(), password: PW });
    expect((await db().membership.findFirstOrThrow({ where: { id: result.membershipId } })).role).toBe("MANAGER");
  });

  it("refuses unknown, expired and revoked tokens", async () => {
    const { admin } = await makeOrganization();
    expect(await getInviteByToken("not-a-real-token-at-all")).toBeNull();
    expect((await refused(acceptInvite("not-a-real-token-at-all", { name: "X", email: uniqueEmail(), password: PW }))).code).toBe("not_found");

    const expired = await createInvite(admin, { role: "EMPLOYEE" });
    await db().invite.updateMany({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getInviteByToken(expired.token)).toBeNull();
    expect((await refused(acceptInvite(expired.token, { name: "X", email: uniqueEmail(), password: PW }))).code).toBe("not_found");
    expect((await listInvites(admin)).find((i) => i.id === expired.id)?.state).toBe("expired");

    const revoked = await createInvite(admin, { role: "EMPLOYEE" });
    await revokeInvite(admin, revoked.id);
    expect(await getInviteByToken(revoked.token)).toBeNull();
    expect((await refused(acceptInvite(revoked.token, { name: "X", email: uniqueEmail(), password: PW }))).code).toBe("not_found");
    expect((await refused(revokeInvite(admin, revoked.id))).code).toBe("conflict");
    expect(await db().auditEvent.count({ where: { organizationId: admin.organizationId, action: "invite.revoked" } })).toBe(1);
  });

  it("an invitation that names an email accepts only that email", async () => {
    const { admin } = await makeOrganization();
    const email = uniqueEmail("named");
    const invite = await createInvite(admin, { role: "LND", email });
    expect((await getInviteByToken(invite.token))?.email).toBe(email);
    const mismatch = await refused(acceptInvite(invite.token, { name: "X", email: uniqueEmail("other"), password: PW }));
    expect(mismatch.fieldErrors?.email?.[0]).toMatch(/email address this invitation was sent to/);
    expect(await getInviteByToken(invite.token)).not.toBeNull();
    const ok = await acceptInvite(invite.token, { name: "Lee", email, password: PW });
    expect((await db().membership.findFirstOrThrow({ where: { id: ok.membershipId } })).role).toBe("LND");
  });

  it("an address that is a member here is named as such (the admin sees their members anyway)", async () => {
    const { admin, organizationId } = await makeOrganization();
    const active = await makeMember(organizationId);
    const gone = await makeMember(organizationId, { status: "DEACTIVATED" });
    expect((await refused(createInvite(admin, { role: "EMPLOYEE", email: active.email }))).fieldErrors?.email).toEqual([
      "This person is already a member of your organisation.",
    ]);
    expect((await refused(createInvite(admin, { role: "EMPLOYEE", email: gone.email }))).fieldErrors?.email?.[0]).toMatch(
      /deactivated member of your organisation\. Reactivate them/,
    );
    expect(await db().invite.count({ where: { organizationId } })).toBe(0);
  });

  it("an address with an account in another organisation is invited exactly like a new one: nothing tells the admin", async () => {
    const { admin } = await makeOrganization("Inviting Org");
    const other = await makeOrganization("Other Org");
    const elsewhere = await makeMember(other.organizationId);
    const forNew = await createInvite(admin, { role: "EMPLOYEE", email: uniqueEmail("new") });
    const forElsewhere = await createInvite(admin, { role: "EMPLOYEE", email: elsewhere.email });
    const shape = (r: typeof forNew) => ({ ...r, id: "id", token: "token", path: "path", expiresAt: r.expiresAt.getTime() > Date.now() });
    expect(shape(forElsewhere)).toEqual(shape(forNew));
    expect((await listInvites(admin)).map((i) => i.state)).toEqual(["pending", "pending"]);
  });

  it("accepting with an address that already has an account is refused, and the invitation stays usable", async () => {
    const { admin, organizationId } = await makeOrganization();
    const existing = await makeMember(organizationId);
    const invite = await createInvite(admin, { role: "EMPLOYEE" });
    const error = await refused(acceptInvite(invite.token, { name: "X", email: existing.email, password: PW }));
    expect(error.code).toBe("conflict");
    expect(error.fieldErrors?.email?.[0]).toMatch(/Sign in instead; joining a second organisation is not supported/);
    expect(await getInviteByToken(invite.token)).not.toBeNull();
  });
});
