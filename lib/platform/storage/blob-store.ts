// Where uploaded files live. The data layer talks only to this interface, so the backend can
// change without touching it: today a folder on local disk (LocalDiskStore); for several
// instances, an S3-compatible object store implements the same three methods later.
import { randomUUID } from "node:crypto";

export interface BlobStore {
  /** Stores the bytes under `key`, replacing nothing: keys are fresh. Atomic: readers never see half a file. */
  put(key: string, data: Uint8Array, meta: { contentType: string }): Promise<void>;
  /**
   * Stores a stream under `key` as it arrives (in flat memory), replacing what the key held:
   * for files Ripple writes itself under keys of its own (a background export). Atomic like
   * `put`. Returns the size in bytes.
   */
  putStream(key: string, data: ReadableStream<Uint8Array>): Promise<number>;
  /** The stored bytes as a stream, or null when nothing is stored under `key`. */
  get(key: string): Promise<{ stream: ReadableStream<Uint8Array>; size: number } | null>;
  /** Removes the bytes under `key`; removing what is not there is not an error. */
  delete(key: string): Promise<void>;
}

/**
 * A new key for a blob of an organisation: `<organizationId>/<random UUID>`. Keys never come
 * from what a person typed or uploaded (file names stay in the database).
 */
export function newBlobKey(organizationId: string): string {
  if (!SEGMENT.test(organizationId)) throw new Error("newBlobKey: invalid organisation id");
  return `${organizationId}/${randomUUID()}`;
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

/** Keys are one or more segments of letters, digits and dashes, separated by "/". */
export function isValidBlobKey(key: string): boolean {
  const parts = key.split("/");
  return parts.length >= 1 && parts.length <= 4 && parts.every((p) => SEGMENT.test(p));
}
