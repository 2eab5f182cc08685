import path from "node:path";
import { defineConfig } from "prisma/config";

// Used by the Prisma CLI. `prisma generate` needs no database; on a machine with internet,
// `prisma migrate deploy` reads DATABASE_URL from here and accepts the same migrations folder
// that `npm run db:deploy` applies offline.
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/ripple" },
});
