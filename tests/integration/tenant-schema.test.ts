// The migrated schema is ready to be distributed by organizationId (Citus; README, "Scale-out"),
// read from the catalogue of the database the suite runs on (PGlite, or PostgreSQL with
// TEST_DATABASE_URL). A tenant table is any table of the public schema with an "organizationId"
// column, so a table added later is checked without being listed here. Citus requires of a
// distributed table that its primary key and every unique key include the distribution column,
// and of a foreign key between distributed tables that it pairs the two distribution columns;
// it refuses an ON UPDATE action, and a SET NULL or SET DEFAULT that would write the distribution
// column. Organization is distributed by its id (co-located with the tenant tables), so its own
// keys must include id. Tables without organizationId are listed here, each with its role
// (reference table or local), so that a new one is classified on purpose.
// pg-boss's tables (schema "pgboss") are the job queue's, not tenant data, and are left out.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/lib/db/registry";
import type { Prisma } from "@/lib/db/client";

type Db = Pick<Prisma.TransactionClient, "$queryRawUnsafe">;
const prisma = () => getDatabase().prisma;

/** The public tables without organizationId, and what each is under Citus (as the README says). */
const NOT_TENANT: Record<string, "distributed by id" | "reference" | "local"> = {
  Organization: "distributed by id",
  User: "reference",
  PasswordReset: "reference",
  PendingSignUp: "reference",
  RateLimit: "reference",
  JobKey: "reference",
  SystemAuditEvent: "reference",
  _prisma_migrations: "local",
};

const referenceTables = () =>
  Object.keys(NOT_TENANT)
    .filter((t) => NOT_TENANT[t] === "reference")
    .sort();

async function tenantTables(db: Db): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ table: string }[]>(`
    SELECT c.relname AS "table" FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organizationId' AND NOT a.attisdropped
    WHERE c.relkind IN ('r', 'p')`);
  return rows.map((r) => r.table).sort();
}

/**
 * Everything in the public schema that would stop the tenant tables being distributed by
 * organizationId (and Organization by id), one sentence each; none is expected.
 */
async function citusViolations(db: Db): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ problem: string }[]>(`
    WITH tenant AS (
      SELECT c.oid, c.relname, a.attnum AS org, a.attnotnull AS org_not_null FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organizationId' AND NOT a.attisdropped
      WHERE c.relkind IN ('r', 'p')
    ), dist AS (
      -- Each distributed table and its distribution column.
      SELECT oid, relname, org AS col FROM tenant
      UNION ALL
      SELECT c.oid, c.relname, a.attnum FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'id'
      WHERE c.relname = 'Organization'
    )
    SELECT format('%s has no primary key', t.relname) AS problem FROM tenant t
    WHERE NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = t.oid AND i.indisprimary)
    UNION ALL
    SELECT format('%s."organizationId" may be null', t.relname) FROM tenant t WHERE NOT t.org_not_null
    UNION ALL
    SELECT format('%s: %s %s leaves out %s', d.relname, CASE WHEN i.indisprimary THEN 'primary key' ELSE 'unique index' END, ic.relname, quote_ident(a.attname))
    FROM dist d JOIN pg_index i ON i.indrelid = d.oid AND i.indisunique
    JOIN pg_class ic ON ic.oid = i.indexrelid
    JOIN pg_attribute a ON a.attrelid = d.oid AND a.attnum = d.col
    WHERE NOT d.col = ANY (i.indkey::int2[])
    UNION ALL
    -- A reference to a distributed table pairs the two distribution columns.
    SELECT format('%s: foreign key %s to %s does not pair %s with %s', src.relname, k.conname, dst.relname, 'organizationId', quote_ident(da.attname))
    FROM pg_constraint k
    JOIN pg_class src ON src.oid = k.conrelid
    JOIN pg_namespace n ON n.oid = src.relnamespace AND n.nspname = 'public'
    JOIN dist dst ON dst.oid = k.confrelid
    JOIN pg_attribute da ON da.attrelid = dst.oid AND da.attnum = dst.col
    LEFT JOIN tenant st ON st.oid = k.conrelid
    WHERE k.contype = 'f'
      AND NOT EXISTS (SELECT 1 FROM generate_subscripts(k.conkey, 1) AS s(i) WHERE k.conkey[s.i] = st.org AND k.confkey[s.i] = dst.col)
    UNION ALL
    -- Between distributed tables: no ON UPDATE action, and no SET NULL or SET DEFAULT of organizationId.
    SELECT format('%s: foreign key %s has ON UPDATE %s', st.relname, k.conname, k.confupdtype)
    FROM pg_constraint k JOIN tenant st ON st.oid = k.conrelid JOIN dist dst ON dst.oid = k.confrelid
    WHERE k.contype = 'f' AND k.confupdtype NOT IN ('a', 'r')
    UNION ALL
    SELECT format('%s: foreign key %s would set "organizationId" on delete', st.relname, k.conname)
    FROM pg_constraint k JOIN tenant st ON st.oid = k.conrelid JOIN dist dst ON dst.oid = k.confrelid
    WHERE k.contype = 'f' AND k.confdeltype IN ('n', 'd') AND st.org = ANY (coalesce(k.confdelsetcols, k.conkey))
    UNION ALL
    -- A tenant table references distributed tables and reference tables only.
    SELECT format('%s: foreign key %s points at %s, which is not distributed', st.relname, k.conname, dc.relname)
    FROM pg_constraint k JOIN tenant st ON st.oid = k.conrelid JOIN pg_class dc ON dc.oid = k.confrelid
    WHERE k.contype = 'f' AND k.confrelid NOT IN (SELECT oid FROM dist) AND dc.relname <> ALL (ARRAY[${referenceTables()
      .map((t) => `'${t}'`)
      .join(", ")}]::text[])
  `);
  return rows.map((r) => r.problem).sort();
}

describe("the schema is ready to be distributed by organizationId", () => {
  it("finds the tenant tables by their organizationId column", async () => {
    const tables = await tenantTables(prisma());
    // A sample that must be there (the check itself covers whatever else is).
    for (const t of ["Story", "Membership", "CycleEntry", "StoryRollup", "ReflectionStory", "Session", "AuditEvent"]) expect(tables).toContain(t);
  });

  it("every primary key, unique key and reference of a tenant table includes organizationId", async () => {
    expect(await citusViolations(prisma())).toEqual([]);
  });

  it("every other public table is classified (reference or local), and pg-boss's are not in public", async () => {
    const rows = await prisma().$queryRawUnsafe<{ table: string }[]>(`
      SELECT c.relname AS "table" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      WHERE c.relkind IN ('r', 'p') AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organizationId')
      ORDER BY 1`);
    expect(rows.map((r) => r.table).sort()).toEqual(Object.keys(NOT_TENANT).sort());
  });

  it("the check finds a table that breaks the rules (then the change is rolled back)", async () => {
    const found = await prisma()
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`CREATE TABLE "CanaryParent" ("organizationId" uuid NOT NULL, "id" uuid PRIMARY KEY, "slug" text UNIQUE)`);
        await tx.$executeRawUnsafe(`CREATE TABLE "CanaryChild" ("organizationId" uuid NOT NULL, "id" uuid NOT NULL, "parentId" uuid REFERENCES "CanaryParent"("id"),
          PRIMARY KEY ("organizationId", "id"))`);
        await tx.$executeRawUnsafe(`CREATE TABLE "CanaryLoose" ("organizationId" uuid NOT NULL, "note" text)`);
        await tx.$executeRawUnsafe(`CREATE TABLE "CanaryRef" ("organizationId" uuid NOT NULL, "id" uuid NOT NULL, "storyId" uuid NOT NULL,
          PRIMARY KEY ("organizationId", "id"),
          FOREIGN KEY ("organizationId", "storyId") REFERENCES "Story"("organizationId", "id") ON UPDATE CASCADE)`);
        const problems = await citusViolations(tx);
        throw Object.assign(new Error("roll back"), { problems });
      })
      .catch((error: { problems?: string[] }) => error.problems ?? [String(error)]);
    expect(found).toEqual([
      'CanaryChild: foreign key CanaryChild_parentId_fkey to CanaryParent does not pair organizationId with "organizationId"',
      "CanaryLoose has no primary key",
      'CanaryParent: primary key CanaryParent_pkey leaves out "organizationId"',
      'CanaryParent: unique index CanaryParent_slug_key leaves out "organizationId"',
      "CanaryRef: foreign key CanaryRef_organizationId_storyId_fkey has ON UPDATE c",
    ]);
    expect(await tenantTables(prisma())).not.toContain("CanaryParent");
  });

  it("the README distributes exactly these tables, and makes the others reference tables", async () => {
    const readme = readFileSync("README.md", "utf8");
    const distributed = [...readme.matchAll(/create_distributed_table\('"(\w+)"', 'organizationId', colocate_with => '"Organization"'\)/g)].map((m) => m[1]);
    const reference = [...readme.matchAll(/create_reference_table\('"(\w+)"'\)/g)].map((m) => m[1]);
    expect(readme).toContain(`create_distributed_table('"Organization"', 'id')`);
    expect(distributed.sort()).toEqual(await tenantTables(prisma()));
    expect(reference.sort()).toEqual(referenceTables());
  });
});
