"use client";

import { quickCaptureAction } from "@/lib/actions/stories";

// The outbox of quick captures made offline: kept in this browser's IndexedDB (which the
// installed app and every tab share, and which survives closing the app), each with the id
// (clientId) its form gave it, and sent by sendQueuedCaptures when the connection returns.
// The server stores a clientId once (lib/db/stories.ts quickCapture), so a capture sent twice
// (two tabs, an answer lost on the way back) is still one story.

export type QueuedCapture = {
  clientId: string;
  /** Whose capture it is (their membership): on a shared browser, only they send it. */
  owner: string;
  /** The form's fields as typed (what, channel, link, startCycle, clientId). */
  fields: Record<string, string>;
  what: string;
  queuedAt: number;
  /** Why the server refused it (it stays until the person sees it and discards it). */
  refused?: string;
};

export type SentCapture = { id: string; what: string };

const DB_NAME = "ripple";
const STORE = "capture-outbox";
/** Fired on window whenever the outbox changes, so every indicator on the page reads it again. */
export const OUTBOX_CHANGED = "ripple:outbox-changed";

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE, { keyPath: "clientId" });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB is not available"));
  });
}

async function inStore<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = run(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
      tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
    });
  } finally {
    db.close();
  }
}

const changed = () => window.dispatchEvent(new Event(OUTBOX_CHANGED));

/** The signed-in person of this page (set by CaptureOutboxStatus, which every app page renders). */
let owner: string | null = null;
export function setOutboxOwner(membershipId: string) {
  owner = membershipId;
}

/** Keeps a capture to send later. False when this browser cannot keep it (no IndexedDB, private mode). */
export async function queueCapture(fields: Record<string, string>): Promise<boolean> {
  const clientId = fields.clientId;
  const by = owner;
  if (!clientId || !by) return false;
  try {
    await inStore("readwrite", (s) => s.put({ clientId, owner: by, fields, what: (fields.what ?? "").trim(), queuedAt: Date.now() } satisfies QueuedCapture));
    changed();
    return true;
  } catch {
    return false;
  }
}

/** This person's waiting captures, oldest first (another person's, on a shared browser, wait for them). */
export async function listQueuedCaptures(): Promise<QueuedCapture[]> {
  if (!owner) return [];
  try {
    const all = await inStore<QueuedCapture[]>("readonly", (s) => s.getAll() as IDBRequest<QueuedCapture[]>);
    return all.filter((q) => q.owner === owner).sort((a, b) => a.queuedAt - b.queuedAt);
  } catch {
    return [];
  }
}

export async function discardQueuedCapture(clientId: string): Promise<void> {
  await inStore("readwrite", (s) => s.delete(clientId));
  changed();
}

let sending: Promise<SentCapture[]> | null = null;

/**
 * Sends every capture waiting in the outbox, oldest first, through the same action as the form.
 * Stops at the first one that cannot reach Ripple (still offline); a refusal (say, a channel
 * retired meanwhile) is kept with its reason for the person to see. One run at a time per page.
 */
export function sendQueuedCaptures(): Promise<SentCapture[]> {
  sending ??= (async () => {
    const sent: SentCapture[] = [];
    try {
      for (const item of await listQueuedCaptures()) {
        if (item.refused) continue;
        if (typeof navigator !== "undefined" && navigator.onLine === false) break;
        const form = new FormData();
        for (const [key, value] of Object.entries(item.fields)) form.set(key, value);
        // Whose it is: the server refuses it under another person's session (this page may be
        // older than a sign-out and a sign-in in another tab).
        form.set("owner", item.owner);
        let result: Awaited<ReturnType<typeof quickCaptureAction>>;
        try {
          result = await quickCaptureAction(null, form);
        } catch {
          break; // not reachable: try again later, with the same clientId
        }
        if (result.ok) {
          await inStore("readwrite", (s) => s.delete(item.clientId));
          sent.push({ id: result.data.id, what: item.what });
        } else if (result.code === "unauthorized" || result.code === "rate_limited" || result.code === "error") {
          break; // signed out, or the server is struggling: keep it and try later
        } else {
          await inStore("readwrite", (s) => s.put({ ...item, refused: result.message } satisfies QueuedCapture));
        }
      }
    } finally {
      sending = null;
      changed();
    }
    return sent;
  })();
  return sending;
}
