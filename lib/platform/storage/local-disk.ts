import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, open, rename, rm, unlink } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { isValidBlobKey, type BlobStore } from "./blob-store";

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code === "ENOENT";

/**
 * Files on local disk: `<root>/<organizationId>/<random key>`, mode 600. Writes go to a
 * temporary file in the same folder and are renamed into place, so a crash or a concurrent
 * read never sees half a file. The content type is not kept: the database holds it.
 */
export class LocalDiskStore implements BlobStore {
  readonly root: string;
  /** While a backup links the files its database snapshot refers to, deletions wait. */
  private holds = 0;
  private heldDeletes: string[] = [];

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** The file of a key; refuses anything that is not a plain key inside the root. */
  private fileFor(key: string): string {
    if (!isValidBlobKey(key)) throw new Error("LocalDiskStore: invalid key");
    const file = path.resolve(this.root, ...key.split("/"));
    if (!file.startsWith(this.root + path.sep)) throw new Error("LocalDiskStore: invalid key");
    return file;
  }

  async put(key: string, data: Uint8Array, _meta: { contentType: string }): Promise<void> {
    const file = this.fileFor(key);
    const dir = path.dirname(file);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = path.join(dir, `.tmp-${randomUUID()}`);
    try {
      const handle = await open(temp, "wx", 0o600);
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => {});
      throw error;
    }
  }

  async putStream(key: string, data: ReadableStream<Uint8Array>): Promise<number> {
    const file = this.fileFor(key);
    const dir = path.dirname(file);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = path.join(dir, `.tmp-${randomUUID()}`);
    const reader = data.getReader();
    let size = 0;
    try {
      const handle = await open(temp, "wx", 0o600);
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          await handle.write(value);
          size += value.byteLength;
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
      // Replaces an earlier file of the same key (a run repeated after a crash) in one step.
      await rename(temp, file);
      return size;
    } catch (error) {
      await reader.cancel().catch(() => {});
      await rm(temp, { force: true }).catch(() => {});
      throw error;
    } finally {
      reader.releaseLock();
    }
  }

  async get(key: string): Promise<{ stream: ReadableStream<Uint8Array>; size: number } | null> {
    const file = this.fileFor(key);
    let handle;
    try {
      handle = await open(file, "r");
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      // The stream owns the handle from here and closes it when it ends or is cancelled.
      const nodeStream = handle.createReadStream({ autoClose: true });
      return { stream: Readable.toWeb(nodeStream) as unknown as ReadableStream<Uint8Array>, size };
    } catch (error) {
      await handle.close().catch(() => {});
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.fileFor(key);
    if (this.holds > 0) {
      this.heldDeletes.push(key);
      return;
    }
    try {
      await unlink(file);
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  /**
   * Runs `fn` while deletions wait, then carries them out: a backup takes its database snapshot
   * and links the stored files inside, so no file the snapshot refers to goes missing between.
   */
  async withDeletesHeld<T>(fn: () => Promise<T>): Promise<T> {
    this.holds++;
    try {
      return await fn();
    } finally {
      this.holds--;
      if (this.holds === 0) {
        for (const key of this.heldDeletes.splice(0)) await this.delete(key).catch(() => {});
      }
    }
  }
}
