import "server-only";
import { getDatabase } from "./registry";

export async function databaseHealth(): Promise<{ kind: string; ok: boolean; latencyMs: number; migrations: number | null }> {
  const db = getDatabase();
  const started = performance.now();
  try {
    const rows = await db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
    return { kind: db.kind, ok: true, latencyMs: Math.round(performance.now() - started), migrations: Number(rows[0]?.n ?? 0) };
  } catch {
    return { kind: db.kind, ok: false, latencyMs: Math.round(performance.now() - started), migrations: null };
  }
}
