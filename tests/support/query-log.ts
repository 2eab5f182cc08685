// The SQL statements this process sends to the database, counted where they leave it: every
// Prisma client (primary and replica) talks to the database through its driver adapter, and every
// statement of an adapter, query or write, in a transaction or not, goes through its `performIO`.
// Works on PGlite and on PostgreSQL (TEST_DATABASE_URL) alike.
import { getDatabase } from "@/lib/db/registry";

type Performer = { performIO(query: { sql: string }, ...rest: unknown[]): Promise<unknown> };

async function adapterPrototype(): Promise<Performer> {
  const db = getDatabase();
  const adapter = await db.factory.connect();
  let proto: object | null = Object.getPrototypeOf(adapter);
  while (proto && !Object.hasOwn(proto, "performIO")) proto = Object.getPrototypeOf(proto);
  // PostgreSQL: that adapter opened a pool of its own; PGlite: disposing does nothing.
  await adapter.dispose();
  if (!proto) throw new Error("the driver adapter has no performIO: count the queries elsewhere");
  return proto as Performer;
}

/** Runs `fn` and returns its result with the SQL of every statement sent meanwhile, in order. */
export async function queriesDuring<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const proto = await adapterPrototype();
  const original = proto.performIO;
  const statements: string[] = [];
  proto.performIO = function (this: unknown, query: { sql: string }, ...rest: unknown[]) {
    statements.push(query.sql);
    return original.call(this, query, ...rest);
  };
  try {
    const result = await fn();
    return { result, statements };
  } finally {
    proto.performIO = original;
  }
}
