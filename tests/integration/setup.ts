// Runs before each integration test file: installs a real database for lib/db to use.
import { readFileSync } from "node:fs";
import { afterAll, inject } from "vitest";
import { openDatabase } from "@/lib/db/prisma";
import { installDatabase } from "@/lib/db/registry";

const url = process.env.TEST_DATABASE_URL;
// With TEST_DATABASE_REPLICA_URL (a streaming replica of that server), reports and exports
// read from the replica. "strict": each such read first waits until the replica has replayed
// everything written so far, so a test may write as one person and read as another at once.
const replicaUrl = process.env.TEST_DATABASE_REPLICA_URL;
// With TEST_DATABASE_DIRECT_URL (the same database without PgBouncer): the job queue connects there.
const directUrl = process.env.TEST_DATABASE_DIRECT_URL;
const db = url
  ? openDatabase({
      kind: "postgres",
      url,
      poolMax: 4,
      ...(replicaUrl ? { replica: { url: replicaUrl, consistency: "strict", waitMs: 10_000 } } : {}),
      ...(directUrl ? { directUrl } : {}),
    })
  : openDatabase({ kind: "pglite", dir: "memory://", snapshot: new Blob([readFileSync(inject("pgliteSnapshot"))]) });
installDatabase(db);

afterAll(async () => {
  await db.close();
});
