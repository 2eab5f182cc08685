import "server-only";
import { getDatabase } from "./registry";

/** The Prisma client of this process. Only data files in lib/db import it. */
export function prisma() {
  return getDatabase().prisma;
}

export type { Prisma } from "./generated/client";
