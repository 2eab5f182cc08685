// Expected failures that the action wrapper turns into messages for the user.
export type ExpectedErrorCode = "invalid" | "unauthorized" | "not_found" | "conflict" | "rate_limited" | "forbidden";

export class ExpectedError extends Error {
  constructor(
    public readonly code: ExpectedErrorCode,
    message: string,
    public readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "ExpectedError";
  }
}

export const notFound = () => new ExpectedError("not_found", "We could not find that. It may have been removed, or it is not shared with you.");

/** A unique constraint refused the write (Prisma's P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * A unique constraint that refused a write which the checks before it had let through: two people
 * (or two tabs) made the same change at the same moment. Expected under concurrency, never a 500.
 */
export function raceConflict(): ExpectedError {
  return new ExpectedError("conflict", "Someone made the same change at the same moment. Reload to see it; nothing of yours was saved twice.");
}

/** An error as the wrappers should treat it: a late unique violation becomes a conflict. */
export function asExpected(error: unknown): ExpectedError | null {
  if (error instanceof ExpectedError) return error;
  return isUniqueViolation(error) ? raceConflict() : null;
}
