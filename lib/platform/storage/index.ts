import "server-only";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { dataDir, isMemoryDataDir } from "../env";
import type { BlobStore } from "./blob-store";
import { LocalDiskStore } from "./local-disk";

export { newBlobKey, isValidBlobKey, type BlobStore } from "./blob-store";
export { LocalDiskStore } from "./local-disk";

// One store per process, on globalThis because Next.js dev reloads modules.
const g = globalThis as typeof globalThis & { __rippleBlobStore?: BlobStore; __rippleBlobTempDir?: string };

/** Tests ("memory://" data directory): one temporary folder per process, removed on exit. */
function tempFilesDir(): string {
  if (!g.__rippleBlobTempDir) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ripple-files-"));
    g.__rippleBlobTempDir = dir;
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  }
  return g.__rippleBlobTempDir;
}

/**
 * The configured blob store. Only local disk today, under `<RIPPLE_DATA_DIR>/files`. An
 * S3-compatible store (for several instances behind a load balancer) will implement the same
 * BlobStore interface and be chosen here from the environment; nothing else changes.
 */
export function getBlobStore(): BlobStore {
  if (!g.__rippleBlobStore) {
    const dir = dataDir();
    g.__rippleBlobStore = new LocalDiskStore(isMemoryDataDir(dir) ? tempFilesDir() : path.join(dir, "files"));
  }
  return g.__rippleBlobStore;
}

/** Tests and tools: makes `store` the blob store of this process (returns the previous one). */
export function installBlobStore(store: BlobStore | undefined): BlobStore | undefined {
  const previous = g.__rippleBlobStore;
  if (store) g.__rippleBlobStore = store;
  else delete g.__rippleBlobStore;
  return previous;
}
