// The profile a person runs themselves: name, time zone, notification preferences, reminder
// day, default capture channel; the channel quick capture remembers on the server; the zone
// the session's actor carries; the digest a person turned off.
import { describe, expect, it } from "vitest";
import { loadActor } from "@/lib/db/auth";
import { findPendingDigests } from "@/lib/db/notifications";
import { getProfile, guessTimeZone, shellPreferences, updateProfile } from "@/lib/db/profile";
import { reflectionReminder } from "@/lib/db/reflections";
import { getDatabase } from "@/lib/db/registry";
import { quickCapture } from "@/lib/db/stories";
import { profileSchema } from "@/lib/validation/profile";
import { quickCaptureSchema } from "@/lib/validation/story";
import { makeMember, makeOrganization } from "../factories";

const db = () => getDatabase().prisma;

const form = (over: Record<string, unknown> = {}) =>
  profileSchema.parse({ name: "Noor Haddad", timeZone: "Europe/Paris", notifyInApp: "on", emailDigest: "on", reflectionDay: "", defaultChannel: "", ...over });

describe("the profile", () => {
  it("saves the name, zone, preferences, reminder day and default channel, and audits which changed", async () => {
    const { organizationId } = await makeOrganization("Profile Co");
    const me = await makeMember(organizationId);
    const before = await getProfile(me);
    expect(before).toMatchObject({ timeZone: null, notifyInApp: true, emailDigest: true, reflectionDay: null, defaultChannel: null, hasPassword: true });

    const saved = await updateProfile(me, form({ timeZone: "America/Los_Angeles", emailDigest: undefined, reflectionDay: "1", defaultChannel: "conference" }));
    expect(saved).toMatchObject({
      name: "Noor Haddad",
      timeZone: "America/Los_Angeles",
      notifyInApp: true,
      emailDigest: false,
      reflectionDay: 1,
      defaultChannel: "conference",
    });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "profile.changed", actorId: me.membershipId } });
    expect(audit.meta).toEqual({ changed: ["name", "timeZone", "emailDigest", "reflectionDay", "defaultChannel"] });

    // The session's actor carries the zone; the reminder day is the one /reflect uses.
    expect((await loadActor(me.userId, me.membershipId))?.timeZone).toBe("America/Los_Angeles");
    expect(await reflectionReminder({ ...me, timeZone: "America/Los_Angeles" })).toMatchObject({ day: 1, ownDay: true });

    // Saving the same again changes nothing and audits nothing.
    await updateProfile(me, form({ timeZone: "America/Los_Angeles", emailDigest: undefined, reflectionDay: "1", defaultChannel: "conference" }));
    expect(await db().auditEvent.count({ where: { action: "profile.changed", actorId: me.membershipId } })).toBe(1);
  });

  it("refuses a channel that is not in the organisation's list, and an unknown zone, with messages", async () => {
    const { organizationId } = await makeOrganization("Strict Co");
    const me = await makeMember(organizationId);
    await db().channel.updateMany({ where: { organizationId, key: "reading" }, data: { retiredAt: new Date("2025-01-01T00:00:00Z") } });
    await expect(updateProfile(me, form({ defaultChannel: "reading" }))).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { defaultChannel: [expect.stringMatching(/no longer in your organisation's list/)] },
    });
    await expect(updateProfile(me, form({ defaultChannel: "no-such-channel" }))).rejects.toMatchObject({ code: "invalid" });
    expect((await getProfile(me)).name).not.toBe("Noor Haddad"); // nothing was written

    const zone = profileSchema.safeParse({ name: "N", timeZone: "Mars/Olympus_Mons" });
    expect(zone.success).toBe(false);
    expect(zone.error?.issues.find((i) => i.path[0] === "timeZone")?.message).toBe("Choose your time zone from the list.");
    expect(profileSchema.safeParse({ name: "N", timeZone: "x".repeat(65) }).success).toBe(false);
  });

  it("the browser's zone is kept only while the person has none", async () => {
    const { organizationId } = await makeOrganization("Guess Co");
    const me = await makeMember(organizationId);
    expect(await guessTimeZone(me, "Asia/Tokyo")).toEqual({ saved: true });
    expect(await guessTimeZone(me, "Europe/London")).toEqual({ saved: false });
    expect((await getProfile(me)).timeZone).toBe("Asia/Tokyo");
  });

  it("turning the e-mail digest off takes the person out of the digest", async () => {
    const { organizationId } = await makeOrganization("Digest Co");
    const me = await makeMember(organizationId);
    const at = new Date();
    await db().notification.create({
      data: { organizationId, recipientId: me.membershipId, kind: "comment", createdAt: new Date(at.getTime() - 2 * 3_600_000) },
    });
    expect((await findPendingDigests(at, 10, { person: me })).map((d) => d.membershipId)).toEqual([me.membershipId]);
    await updateProfile(me, form({ emailDigest: undefined }));
    expect(await findPendingDigests(at, 10, { person: me })).toEqual([]);
  });
});

describe("the channel quick capture starts from", () => {
  it("is the last one used, remembered on the server (any browser), unless the person chose a default", async () => {
    const { organizationId } = await makeOrganization("Capture Co");
    const me = await makeMember(organizationId);
    const colleague = await makeMember(organizationId);
    expect(await shellPreferences(me)).toEqual({ captureChannel: null, notifyInApp: true });

    await quickCapture(me, quickCaptureSchema.parse({ what: "Asked about GDPR templates", channel: "community" }));
    expect((await shellPreferences(me)).captureChannel).toBe("community");
    // Per person: the colleague's is untouched.
    expect((await shellPreferences(colleague)).captureChannel).toBeNull();

    await updateProfile(me, form({ defaultChannel: "conference" }));
    await quickCapture(me, quickCaptureSchema.parse({ what: "A tip from a book", channel: "reading" }));
    expect((await shellPreferences(me)).captureChannel).toBe("conference");
    await updateProfile(me, form({ defaultChannel: "" }));
    expect((await shellPreferences(me)).captureChannel).toBe("reading");

    // A retired channel is not offered.
    await db().channel.updateMany({ where: { organizationId, key: "reading" }, data: { retiredAt: new Date("2025-01-01T00:00:00Z") } });
    expect((await shellPreferences(me)).captureChannel).toBeNull();
  });

  it("the bell's count follows the in-app preference", async () => {
    const { organizationId } = await makeOrganization("Quiet Co");
    const me = await makeMember(organizationId);
    await updateProfile(me, form({ notifyInApp: undefined }));
    expect((await shellPreferences(me)).notifyInApp).toBe(false);
  });
});
