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
