import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { prisma } from "./client";
import { auditedWrite, auditFromActor } from "./audit";
import { assertCan } from "./access";
import { loadActor } from "./auth";
import { tenantKey } from "./keys";
import type { Actor } from "@/lib/domain/actor";
import { can } from "@/lib/domain/access";
import {
  MAX_TOKENS_PER_PERSON,
  ORGANIZATION_TOKEN_CAPABILITY,
  PREFIX_LENGTH,
  TOKEN_BYTES,
  TOKEN_PREFIX,
  expiryAfterDays,
  expiryAllowed,
  grantableScopes,
  looksLikeToken,
  mayCreateToken,
  tokenState,
  type ApiScope,
  type TokenState,
} from "@/lib/domain/api-tokens";
import { ExpectedError, notFound } from "@/lib/platform/errors";
import { now } from "@/lib/platform/clock";
import type { CreateApiTokenInput } from "@/lib/validation/api-tokens";

/** The stored form of a token: its SHA-256, hex. */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export type ApiTokenView = {
  id: string;
  kind: "PERSONAL" | "ORGANIZATION";
  name: string;
  prefix: string;
  scopes: string[];
  ownerName: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  state: TokenState;
};

const viewSelect = {
  id: true,
  kind: true,
  name: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  owner: { select: { user: { select: { name: true } } } },
} as const;

type Row = {
  id: string;
  kind: "PERSONAL" | "ORGANIZATION";
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  owner: { user: { name: string } };
};

function toView(row: Row, at: Date): ApiTokenView {
  const { owner, ...rest } = row;
  return { ...rest, ownerName: owner.user.name, state: tokenState(row, at) };
}

/**
 * Creates a token and returns it in clear, once (only its hash is kept). Personal tokens are
 * anyone's; organisation tokens and the admin scope are for those who may administer.
 */
export async function createApiToken(actor: Actor, input: CreateApiTokenInput): Promise<{ token: string; view: ApiTokenView }> {
  if (!mayCreateToken(actor, input.kind)) throw notFound();
  const allowed = grantableScopes(actor);
  const refused = input.scopes.filter((s) => !allowed.includes(s));
  if (refused.length) {
    const msg = "Only people who administer the organisation can give a token the admin scope.";
    throw new ExpectedError("invalid", msg, { scopes: [msg] });
  }
  const at = now();
  const expiresAt = expiryAfterDays(at, input.expiresInDays);
  if (!expiryAllowed(expiresAt, at))
    throw new ExpectedError("invalid", "Choose when the token expires.", { expiresInDays: ["Choose when the token expires."] });
  const token = TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString("base64url");
  return auditedWrite(async (tx, audit) => {
    const live = await tx.apiToken.count({
      where: { organizationId: actor.organizationId, ownerId: actor.membershipId, revokedAt: null, expiresAt: { gt: at } },
    });
    if (live >= MAX_TOKENS_PER_PERSON)
      throw new ExpectedError("conflict", `You hold ${MAX_TOKENS_PER_PERSON} live tokens already. Revoke one you no longer use first.`);
    const row = await tx.apiToken.create({
      data: {
        organizationId: actor.organizationId,
        ownerId: actor.membershipId,
        kind: input.kind,
        name: input.name,
        prefix: token.slice(0, PREFIX_LENGTH),
        tokenHash: hashApiToken(token),
        scopes: input.scopes,
        expiresAt,
        createdAt: at,
      },
      select: viewSelect,
    });
    await audit({
      ...auditFromActor(actor),
      action: "api_token.created",
      targetType: "api_token",
      targetId: row.id,
      meta: { kind: input.kind, scopes: input.scopes, prefix: row.prefix, expiresAt: expiresAt.toISOString() },
    });
    return { token, view: toView(row, at) };
  });
}

/** The actor's own personal tokens, newest first (revoked and expired ones included, to see what happened). */
export async function listMyApiTokens(actor: Actor): Promise<ApiTokenView[]> {
  const at = now();
  const rows = await prisma().apiToken.findMany({
    where: { organizationId: actor.organizationId, ownerId: actor.membershipId, kind: "PERSONAL" },
    select: viewSelect,
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return rows.map((r) => toView(r, at));
}

/** Every token of the organisation, personal and organisation ones: for its admins. */
export async function listOrganizationApiTokens(actor: Actor): Promise<ApiTokenView[]> {
  assertCan(actor, "admin.manage");
  const at = now();
  const rows = await prisma().apiToken.findMany({
    where: { organizationId: actor.organizationId },
    select: viewSelect,
    orderBy: { createdAt: "desc" },
    take: 500,
  });
  return rows.map((r) => toView(r, at));
}

/** Revokes a token: its owner may (a personal token), and the organisation's admins may (any token of it). */
export async function revokeApiToken(actor: Actor, tokenId: string): Promise<{ id: string }> {
  const at = now();
  return auditedWrite(async (tx, audit) => {
    const token = await tx.apiToken.findFirst({
      where: { organizationId: actor.organizationId, id: tokenId },
      select: { id: true, ownerId: true, kind: true, prefix: true, revokedAt: true },
    });
    const mine = token?.ownerId === actor.membershipId && token.kind === "PERSONAL";
    if (!token || (!mine && !can(actor, "admin.manage"))) throw notFound();
    if (token.revokedAt) return { id: token.id };
    await tx.apiToken.update({ where: tenantKey(actor.organizationId, token.id), data: { revokedAt: at } });
    await audit({
      ...auditFromActor(actor),
      action: "api_token.revoked",
      targetType: "api_token",
      targetId: token.id,
      meta: { kind: token.kind, prefix: token.prefix },
    });
    return { id: token.id };
  });
}

export type ApiCaller = { actor: Actor; token: { id: string; organizationId: string; kind: "PERSONAL" | "ORGANIZATION"; scopes: ApiScope[] } };

/** How stale lastUsedAt may be before a request writes it again (one write a minute per token at most). */
const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * Who a bearer token acts as, or null: unknown, revoked or expired tokens, tokens of a person no
 * longer active, and organisation tokens whose admin no longer administers, all answer null.
 */
export async function authenticateApiToken(secret: string): Promise<ApiCaller | null> {
  if (!looksLikeToken(secret)) return null;
  const at = now();
  const token = await prisma().apiToken.findFirst({
    where: { tokenHash: hashApiToken(secret) },
    select: {
      id: true,
      organizationId: true,
      kind: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      ownerId: true,
      owner: { select: { userId: true } },
    },
  });
  if (!token || tokenState(token, at) !== "active") return null;
  const actor = await loadActor(token.owner.userId, token.ownerId);
  if (!actor || actor.organizationId !== token.organizationId) return null;
  if (token.kind === "ORGANIZATION" && !can(actor, ORGANIZATION_TOKEN_CAPABILITY)) return null;
  if (!token.lastUsedAt || at.getTime() - token.lastUsedAt.getTime() >= LAST_USED_GRANULARITY_MS) {
    await prisma().apiToken.update({ where: tenantKey(token.organizationId, token.id), data: { lastUsedAt: at } });
  }
  return { actor, token: { id: token.id, organizationId: token.organizationId, kind: token.kind, scopes: token.scopes as ApiScope[] } };
}

// ---- Idempotency keys ---------------------------------------------------------------------------

/** How long a stored answer is replayed (and kept: pruneIdempotencyKeys deletes it after). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
/** A key whose first request never finished (its process died) is free again after this. */
const IN_PROGRESS_STALE_MS = 5 * 60_000;

/** Deletes the answers kept for replay once they are past their 24 hours (a daily job). */
export async function pruneIdempotencyKeys(): Promise<number> {
  const { count } = await prisma().apiIdempotency.deleteMany({ where: { createdAt: { lt: new Date(now().getTime() - IDEMPOTENCY_TTL_MS) } } });
  return count;
}

export type IdempotencyStart = { kind: "new"; id: string } | { kind: "replay"; status: number; body: string } | { kind: "mismatch" } | { kind: "in_progress" };

/**
 * Claims an Idempotency-Key for a token: the first request with it gets "new" (and must finish or
 * abandon it); a repeat gets the stored answer, or "in_progress" while the first still runs; the
 * same key with another request gets "mismatch". The unique key (organisation, token, key)
 * decides between two requests that arrive together.
 */
export async function beginIdempotent(token: { id: string; organizationId: string }, key: string, requestHash: string): Promise<IdempotencyStart> {
  const db = prisma();
  const at = now();
  const where = { organizationId: token.organizationId, tokenId: token.id, key };
  for (let attempt = 0; attempt < 2; attempt++) {
    const existing = await db.apiIdempotency.findFirst({ where, select: { id: true, requestHash: true, status: true, body: true, createdAt: true } });
    const age = existing ? at.getTime() - existing.createdAt.getTime() : 0;
    if (existing && (age > IDEMPOTENCY_TTL_MS || (existing.status === null && age > IN_PROGRESS_STALE_MS))) {
      await db.apiIdempotency.deleteMany({ where: { organizationId: token.organizationId, id: existing.id } });
    } else if (existing) {
      if (existing.requestHash !== requestHash) return { kind: "mismatch" };
      if (existing.status === null) return { kind: "in_progress" };
      return { kind: "replay", status: existing.status, body: existing.body ?? "" };
    }
    try {
      const row = await db.apiIdempotency.create({ data: { ...where, requestHash, createdAt: at }, select: { id: true } });
      return { kind: "new", id: row.id };
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002") throw error;
    }
  }
  return { kind: "in_progress" };
}

/** Stores the answer of the request that claimed the key. */
export async function finishIdempotent(organizationId: string, id: string, status: number, body: string): Promise<void> {
  await prisma().apiIdempotency.update({ where: tenantKey(organizationId, id), data: { status, body } });
}

/** Frees the key of a request that failed unexpectedly, so that a retry runs again. */
export async function abandonIdempotent(organizationId: string, id: string): Promise<void> {
  await prisma().apiIdempotency.deleteMany({ where: { organizationId, id } });
}
