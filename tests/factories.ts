// Test data, built through the same data layer the app uses. Each test makes its own
// organisation, so files can run in parallel on one database.
import { randomUUID } from "node:crypto";
import { getDatabase } from "@/lib/db/registry";
import { createOrganizationWithAdmin } from "@/lib/db/organizations";
import { loadActor } from "@/lib/db/auth";
import { hashPassword } from "@/lib/platform/password";
import type { Actor } from "@/lib/domain/actor";
import type { Role } from "@/lib/domain/roles";

export const PASSWORD = "correct horse battery";
let cachedHash: Promise<string> | undefined;

export function uniqueEmail(prefix = "person"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@test.ripple.test`;
}

/** A new organisation with its admin; returns the admin as an actor. */
export async function makeOrganization(name = "Test Org"): Promise<{ admin: Actor; organizationId: string }> {
  const created = await createOrganizationWithAdmin({ organizationName: name, name: "Ada Admin", email: uniqueEmail("admin"), password: PASSWORD });
  const admin = await loadActor(created.userId, created.membershipId);
  if (!admin) throw new Error("admin not loadable");
  return { admin, organizationId: created.organizationId };
}

/** A person in an organisation, optionally in a team and with a manager. */
export async function makeMember(
  organizationId: string,
  opts: { role?: Role; teamId?: string | null; managerId?: string | null; name?: string; status?: "ACTIVE" | "DEACTIVATED" } = {},
): Promise<Actor & { password: string }> {
  const prisma = getDatabase().prisma;
  cachedHash ??= hashPassword(PASSWORD);
  const user = await prisma.user.create({ data: { email: uniqueEmail(), name: opts.name ?? "Test Person", passwordHash: await cachedHash } });
  const m = await prisma.membership.create({
    data: {
      organizationId,
      userId: user.id,
      role: opts.role ?? "EMPLOYEE",
      teamId: opts.teamId ?? null,
      managerId: opts.managerId ?? null,
      status: opts.status ?? "ACTIVE",
    },
  });
  const org = await prisma.organization.findUniqueOrThrow({ where: { id: organizationId } });
  return {
    userId: user.id,
    membershipId: m.id,
    organizationId,
    organizationName: org.name,
    role: m.role,
    teamId: m.teamId,
    managerId: m.managerId,
    name: user.name,
    email: user.email,
    password: PASSWORD,
  };
}

export async function makeTeam(organizationId: string, name = `Team ${randomUUID().slice(0, 6)}`, parentId: string | null = null) {
  return getDatabase().prisma.team.create({ data: { organizationId, name, parentId } });
}

/** A real 1x1 PNG. */
export const TINY_PNG_BYTES = new Uint8Array(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64"),
);
