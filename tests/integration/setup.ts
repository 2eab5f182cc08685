// Runs before each integration test file: installs a real database for lib/db to use.
import { readFileSync } from "node:fs";
import { afterAll, inject } from "vitest";
import { openDatabase } from "@/lib/db/prisma";
import { installDatabase } from "@/lib/db/registry";

const url = process.env.TEST_DATABASE_URL;
const db = url
  ? openDatabase({ kind: "postgres", url, poolMax: 4 })
  : openDatabase({ kind: "pglite", dir: "memory://", snapshot: new Blob([readFileSync(inject("pgliteSnapshot"))]) });
installDatabase(db);

afterAll(async () => {
  await db.close();
});
