import "server-only";
import { randomBytes } from "node:crypto";
import { prisma, type Prisma } from "./client";
import { recordAudit } from "./audit";
import { ExpectedError } from "@/lib/platform/errors";
import { hashPassword } from "@/lib/platform/password";
import { CHANNEL_SEED, INDICATOR_SEED } from "@/lib/domain/framework";
import type { SignUpInput } from "@/lib/validation/auth";

type Tx = Prisma.TransactionClient;

function slugFor(name: string): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `${base || "org"}-${randomBytes(3).toString("hex")}`;
}

/** Seeds an organisation's editable lists (channels, indicator catalogue) from the framework. */
export async function seedOrganizationCatalogue(tx: Tx, organizationId: string): Promise<void> {
  await tx.channel.createMany({
    data: CHANNEL_SEED.map((c, i) => ({ organizationId, key: c.key, label: c.label, sortOrder: i })),
  });
  await tx.indicator.createMany({
    data: INDICATOR_SEED.map((ind, i) => ({
      organizationId,
      key: ind.key,
      cycle: ind.cycle,
      capitalKind: ind.capitalKind ?? null,
      label: ind.label,
      description: ind.description ?? "",
      sortOrder: i,
    })),
  });
}

const emailTaken = () =>
  new ExpectedError("conflict", "An account with this email already exists. Sign in instead.", {
    email: ["An account with this email already exists. Sign in instead."],
  });

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * A new organisation with its first person as admin, and its audit event, inside `tx`. A
 * taken e-mail address fails on the unique index (P2002), which the callers translate.
 */
export async function insertOrganizationWithAdmin(
  tx: Tx,
  input: { organizationName: string; name: string; email: string; passwordHash: string; isDemo?: boolean },
): Promise<{ organizationId: string; userId: string; membershipId: string }> {
  const organization = await tx.organization.create({
    data: { name: input.organizationName, slug: slugFor(input.organizationName), isDemo: input.isDemo ?? false },
  });
  await seedOrganizationCatalogue(tx, organization.id);
  const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash: input.passwordHash } });
  const membership = await tx.membership.create({
    data: { organizationId: organization.id, userId: user.id, role: "ADMIN" },
  });
  await recordAudit({ action: "auth.sign_up", subject: input.email, organizationId: organization.id, actorId: membership.id }, tx);
  return { organizationId: organization.id, userId: user.id, membershipId: membership.id };
}

/**
 * A new organisation with its first person as admin, at once (the demo seed, scripts, tests,
 * and sign-up when e-mail is not configured: see lib/db/sign-up.ts).
 */
export async function createOrganizationWithAdmin(input: SignUpInput, opts: { isDemo?: boolean } = {}) {
  const existing = await prisma().user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw emailTaken();
  const passwordHash = await hashPassword(input.password);
  // The check above is a courtesy; the unique index decides when two sign-ups race.
  return (
    prisma()
      // A burst of sign-ups queues for the pool's connections rather than failing after Prisma's default 2 s.
      .$transaction((tx) => insertOrganizationWithAdmin(tx, { ...input, passwordHash, isDemo: opts.isDemo ?? false }), { maxWait: 15_000, timeout: 15_000 })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? emailTaken() : error;
      })
  );
}

export async function countOrganizations(): Promise<number> {
  return prisma().organization.count();
}
