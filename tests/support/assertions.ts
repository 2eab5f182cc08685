// Assertions on calls that must be refused.
import { expect } from "vitest";
import { ExpectedError } from "@/lib/platform/errors";

/** What a promise rejected with, or null when it resolved. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

/**
 * The ExpectedError a call was refused with: the test fails when the call succeeded or failed
 * any other way, and, when given, when the error's code or message differ.
 */
export async function refused(promise: Promise<unknown>, code?: ExpectedError["code"], message?: RegExp): Promise<ExpectedError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(ExpectedError);
  if (code !== undefined) expect((error as ExpectedError).code).toBe(code);
  if (message) expect((error as ExpectedError).message).toMatch(message);
  return error as ExpectedError;
}

/** Refused as not found (the answer to anything outside the actor's reach). */
export async function expectNotFound(promise: Promise<unknown>): Promise<void> {
  await refused(promise, "not_found");
}

/** The database's refusal of a write (SQLSTATE and message, from Prisma's error), or null when it was written. */
export async function databaseRefusal(write: Promise<unknown>): Promise<{ code: string; message: string } | null> {
  const error = await rejectionOf(write);
  if (error === null) return null;
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string; originalMessage?: string } } } }).meta?.driverAdapterError?.cause;
  return { code: cause?.originalCode ?? "?", message: cause?.originalMessage ?? String(error) };
}
