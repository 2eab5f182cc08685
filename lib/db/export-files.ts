import "server-only";
// Background exports (README "Exports"): one ExportFile row per file asked for, written by the
// `export.file` job (lib/jobs/export-file-job.ts) into the file store. Only the person who asked
// sees and downloads it, and only while they are still an active member with the same role
// (checked again at every download); the file goes after EXPORT_FILE_DAYS.
import { auditedWrite } from "./audit";
import { loadActor } from "./auth";
import { prisma, type Prisma } from "./client";
import { can } from "@/lib/domain/access";
import type { Actor } from "@/lib/domain/actor";
import {
  EXPORT_RECORD_DAYS,
  RECENT_EXPORTS,
  expiresAt as expiryOf,
  isBackgroundExportKind,
  type BackgroundExportKind,
  type ExportFileStatus,
  type ExportFileView,
} from "@/lib/domain/export-files";
import { EXPORT_FORMATS } from "@/lib/domain/exports";
import { now } from "@/lib/platform/clock";
import { notFound } from "@/lib/platform/errors";
import { getBlobStore } from "@/lib/platform/storage";

type Tx = Prisma.TransactionClient;
export type { ExportFileView };
type FilterParams = ExportFileView["filters"];

const VIEW = {
  id: true,
  kind: true,
  status: true,
  rowsWritten: true,
  rowsTotal: true,
  sizeBytes: true,
  fileName: true,
  error: true,
  filters: true,
  requestedAt: true,
  finishedAt: true,
  expiresAt: true,
} as const;

type ViewRow = Prisma.ExportFileGetPayload<{ select: typeof VIEW }>;

function toView(r: ViewRow): ExportFileView {
  return {
    id: r.id,
    kind: isBackgroundExportKind(r.kind) ? r.kind : "csv",
    status: r.status as ExportFileStatus,
    rowsWritten: r.rowsWritten,
    rowsTotal: r.rowsTotal,
    sizeBytes: r.sizeBytes === null ? null : Number(r.sizeBytes),
    fileName: r.fileName,
    error: r.error,
    filters: (r.filters ?? {}) as FilterParams,
    requestedAt: r.requestedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt?.toISOString() ?? null,
  };
}

/** Where an export's file is stored: one key per export, so a run that is repeated replaces its own file and never makes a second. */
export function exportFileKey(organizationId: string, exportId: string): string {
  return `${organizationId}/exports/${exportId}`;
}

/**
 * Records a request for a file and, through `enqueueIn`, its job, with an "export.requested"
 * audit event (the kind and the filters, never story text): all in one transaction.
 */
export async function requestExportFile(
  actor: Actor,
  kind: BackgroundExportKind,
  filters: FilterParams,
  enqueueIn: (tx: Tx, file: { id: string; run: number }) => Promise<unknown>,
): Promise<ExportFileView> {
  return auditedWrite(async (tx, audit) => {
    const row = await tx.exportFile.create({
      data: { organizationId: actor.organizationId, requestedById: actor.membershipId, role: actor.role, kind, filters, requestedAt: now() },
      select: VIEW,
    });
    await audit({
      organizationId: actor.organizationId,
      actorId: actor.membershipId,
      action: "export.requested",
      targetType: "export",
      targetId: row.id,
      meta: { kind, filters: { ...filters } },
    });
    await enqueueIn(tx, { id: row.id, run: 0 });
    return toView(row);
  });
}

/**
 * Asks again for a file whose making failed: the same export (kind, filters, the access of when
 * it was first asked for) goes back on the queue. Only its requester, only when it failed.
 */
export async function retryExportFile(actor: Actor, exportId: string, enqueueIn: (tx: Tx, file: { id: string; run: number }) => Promise<unknown>) {
  return auditedWrite(async (tx, audit) => {
    // attempts counts the runs asked for; the job's key includes it, so each retry is a new job.
    const rows = await tx.exportFile.updateManyAndReturn({
      where: { organizationId: actor.organizationId, id: exportId, requestedById: actor.membershipId, status: "failed", role: actor.role },
      data: { status: "queued", error: null, rowsWritten: 0, rowsTotal: null, startedAt: null, finishedAt: null, attempts: { increment: 1 } },
      select: { ...VIEW, attempts: true },
    });
    const row = rows[0];
    if (!row) throw notFound();
    await audit({
      organizationId: actor.organizationId,
      actorId: actor.membershipId,
      action: "export.requested",
      targetType: "export",
      targetId: row.id,
      meta: { kind: row.kind, filters: (row.filters ?? {}) as Prisma.InputJsonObject, retry: row.attempts },
    });
    await enqueueIn(tx, { id: row.id, run: row.attempts });
    return toView(row);
  });
}

/** The person's recent exports, newest first. */
export async function listExportFiles(actor: Actor): Promise<ExportFileView[]> {
  const rows = await prisma().exportFile.findMany({
    where: { organizationId: actor.organizationId, requestedById: actor.membershipId },
    orderBy: [{ requestedAt: "desc" }, { id: "desc" }],
    take: RECENT_EXPORTS,
    select: VIEW,
  });
  return rows.map(toView);
}

/** Whether `actor` still has the access the export was asked with: an active member (an actor at all), the same role, allowed to export. */
function sameAccess(actor: Actor | null, row: { requestedById: string; role: string }): actor is Actor {
  return actor !== null && actor.membershipId === row.requestedById && actor.role === row.role && can(actor, "reports.export");
}

/**
 * Opens a ready file for its requester: someone else, a file not ready or expired, or a requester
 * whose access changed (another role, deactivated) gets not-found. The download is audited
 * ("export.downloaded") in the transaction that counts it.
 */
export async function openExportFile(
  actor: Actor,
  exportId: string,
): Promise<{ stream: ReadableStream<Uint8Array>; size: number; fileName: string; kind: BackgroundExportKind }> {
  const row = await prisma().exportFile.findFirst({
    where: { organizationId: actor.organizationId, id: exportId, requestedById: actor.membershipId, status: "ready", expiresAt: { gt: now() } },
    select: { id: true, kind: true, role: true, requestedById: true, fileKey: true, fileName: true },
  });
  if (!row || !row.fileKey || !row.fileName || !isBackgroundExportKind(row.kind) || !sameAccess(actor, row)) throw notFound();
  const file = await getBlobStore().get(row.fileKey);
  if (!file) throw notFound();
  try {
    await auditedWrite(async (tx, audit) => {
      await tx.exportFile.updateMany({ where: { organizationId: actor.organizationId, id: row.id }, data: { downloads: { increment: 1 } } });
      await audit({
        organizationId: actor.organizationId,
        actorId: actor.membershipId,
        action: "export.downloaded",
        targetType: "export",
        targetId: row.id,
        meta: { kind: row.kind },
      });
    });
  } catch (error) {
    await file.stream.cancel().catch(() => undefined);
    throw error;
  }
  return { stream: file.stream, size: file.size, fileName: row.fileName, kind: row.kind };
}

// ——— For the job ———

export type ExportFileRun = {
  id: string;
  organizationId: string;
  kind: BackgroundExportKind;
  filters: FilterParams;
  status: ExportFileStatus;
  run: number;
  requestedAt: Date;
  /** The requester as they are now, when they still have the access they asked with; null otherwise. */
  actor: Actor | null;
};

/** An export as its job needs it, or null when it no longer exists. */
export async function exportFileForRun(organizationId: string, exportId: string): Promise<ExportFileRun | null> {
  const row = await prisma().exportFile.findFirst({
    where: { organizationId, id: exportId },
    select: {
      id: true,
      kind: true,
      filters: true,
      status: true,
      attempts: true,
      role: true,
      requestedAt: true,
      requestedById: true,
      requestedBy: { select: { userId: true } },
    },
  });
  if (!row || !isBackgroundExportKind(row.kind)) return null;
  const actor = await loadActor(row.requestedBy.userId, row.requestedById);
  return {
    id: row.id,
    organizationId,
    kind: row.kind,
    filters: (row.filters ?? {}) as FilterParams,
    status: row.status as ExportFileStatus,
    run: row.attempts,
    requestedAt: row.requestedAt,
    actor: sameAccess(actor, row) ? actor : null,
  };
}

/** A run starts (again, after a crash: from the start). */
export async function startExportRun(organizationId: string, exportId: string, rowsTotal: number): Promise<void> {
  await prisma().exportFile.updateMany({
    where: { organizationId, id: exportId, status: { in: ["queued", "running"] } },
    data: { status: "running", startedAt: now(), rowsWritten: 0, rowsTotal, error: null },
  });
}

export async function reportExportProgress(organizationId: string, exportId: string, rowsWritten: number): Promise<void> {
  await prisma().exportFile.updateMany({ where: { organizationId, id: exportId, status: "running" }, data: { rowsWritten } });
}

/** The file is stored: the export is ready, in the job's commit transaction (with its key marked done). */
export async function finishExportFile(
  tx: Tx,
  organizationId: string,
  exportId: string,
  file: { fileKey: string; fileName: string; sizeBytes: number; rowsWritten: number },
): Promise<void> {
  const finishedAt = now();
  // Only a run still wanted: one the stuck-export sweep already failed stays failed (the person retries it).
  await tx.exportFile.updateMany({
    where: { organizationId, id: exportId, status: { in: ["queued", "running"] } },
    data: { status: "ready", ...file, sizeBytes: BigInt(file.sizeBytes), finishedAt, expiresAt: expiryOf(finishedAt), error: null },
  });
}

/** A run failed: `final` when no retry follows (the message is then what the person reads); otherwise back to queued. */
export async function failExportFile(organizationId: string, exportId: string, message: string, final: boolean): Promise<void> {
  await prisma().exportFile.updateMany({
    where: { organizationId, id: exportId, status: { in: ["queued", "running"] } },
    data: final ? { status: "failed", error: message.slice(0, 500), finishedAt: now() } : { status: "queued", rowsWritten: 0 },
  });
}

/**
 * The maintenance job's sweep: deletes the files of exports past their expiry (the record stays,
 * "expired", for EXPORT_RECORD_DAYS), fails exports stuck queued or running for longer than
 * `stuckAfterMs` (their job is gone), and forgets records older than EXPORT_RECORD_DAYS.
 * Returns how many files it deleted.
 */
export async function expireExportFiles(opts: { stuckAfterMs: number }): Promise<{ deleted: number; stuck: number; forgotten: number }> {
  const at = now();
  const db = prisma();
  const store = getBlobStore();
  let deleted = 0;
  for (;;) {
    const due = await db.exportFile.findMany({
      where: { status: "ready", expiresAt: { lte: at } },
      select: { organizationId: true, id: true, fileKey: true },
      take: 200,
    });
    if (!due.length) break;
    for (const f of due) {
      // The file first: a sweep cut short after this finds the record still "ready" and deletes again (deleting nothing is fine).
      if (f.fileKey) await store.delete(f.fileKey);
      await db.exportFile.updateMany({ where: { organizationId: f.organizationId, id: f.id, status: "ready" }, data: { status: "expired", fileKey: null } });
      deleted++;
    }
  }
  const { count: stuck } = await db.exportFile.updateMany({
    where: { status: { in: ["queued", "running"] }, requestedAt: { lt: new Date(at.getTime() - opts.stuckAfterMs) } },
    data: { status: "failed", error: "This file took too long to make and was stopped. Try again.", finishedAt: at },
  });
  let forgotten = 0;
  for (;;) {
    const old = await db.exportFile.findMany({
      where: { status: { in: ["expired", "failed"] }, finishedAt: { lt: new Date(at.getTime() - EXPORT_RECORD_DAYS * 86_400_000) } },
      select: { organizationId: true, id: true },
      take: 200,
    });
    if (!old.length) break;
    // A run that stored its file and then failed to record it leaves the file under the export's key.
    for (const f of old) await store.delete(exportFileKey(f.organizationId, f.id));
    const { count } = await db.exportFile.deleteMany({ where: { OR: old.map((f) => ({ organizationId: f.organizationId, id: f.id })) } });
    forgotten += count;
  }
  return { deleted, stuck, forgotten };
}

export function exportContentType(kind: BackgroundExportKind): string {
  return EXPORT_FORMATS[kind].contentType;
}
