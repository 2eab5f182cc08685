"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { saveStoryAction } from "@/app/(app)/stories/[storyId]/actions";
import type { StoryDoc } from "@/lib/domain/story";

export type SaveState =
  | { kind: "saved"; at: Date | null }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "offline" }
  | { kind: "invalid"; message: string }
  | { kind: "signed-out" }
  | { kind: "error"; message: string }
  | { kind: "conflict" };

export type ServerVersion = { version: number; doc: StoryDoc; updatedAt: Date };

type LocalDraft = { baseVersion: number; doc: StoryDoc; at: number };

const DEBOUNCE_MS = 1200;
/** How long a newly opened tab waits for another open tab to claim a stored draft. */
const CLAIM_WAIT_MS = 250;
const RETRY_MS = 4000;
const storageKey = (id: string) => `ripple:story-draft:${id}`;

function readLocal(id: string): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(storageKey(id));
    return raw ? (JSON.parse(raw) as LocalDraft) : null;
  } catch {
    return null;
  }
}

function writeLocal(id: string, draft: LocalDraft) {
  try {
    window.localStorage.setItem(storageKey(id), JSON.stringify(draft));
  } catch {
    // storage full or disabled: the server copy is still tried
  }
}

function clearLocal(id: string) {
  try {
    window.localStorage.removeItem(storageKey(id));
  } catch {
    // nothing to clear
  }
}

/**
 * Keeps a story document saved: every change is mirrored to this browser at once, sent to
 * the server a moment after typing pauses, retried while the server cannot be reached,
 * and checked against the version it was based on, so a save from another tab is never
 * silently overwritten.
 */
export function useAutosave(opts: { storyId: string; initialDoc: StoryDoc; initialVersion: number; initialSavedAt: Date }) {
  const { storyId } = opts;
  const [doc, setDocState] = useState<StoryDoc>(opts.initialDoc);
  const [state, setState] = useState<SaveState>({ kind: "saved", at: opts.initialSavedAt });
  const [conflict, setConflict] = useState<ServerVersion | null>(null);
  const [restored, setRestored] = useState(false);
  const docRef = useRef(doc);
  const baseVersion = useRef(opts.initialVersion);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef(false);
  const again = useRef(false);
  const conflictRef = useRef(false);
  /** This tab holds changes the server has not confirmed (so its stored draft is live). */
  const unsaved = useRef(false);

  const schedule = useCallback((ms: number) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveNow(), ms);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const saveNow = useCallback(async (): Promise<void> => {
    if (conflictRef.current) return;
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    again.current = false;
    const sent = docRef.current;
    setState({ kind: "saving" });
    try {
      const result = await saveStoryAction(null, { storyId, baseVersion: baseVersion.current, doc: sent });
      const data = result.ok ? result.data : null;
      if (data?.status === "saved") {
        baseVersion.current = data.version;
        if (docRef.current === sent && !again.current) {
          unsaved.current = false;
          clearLocal(storyId);
          setState({ kind: "saved", at: new Date(data.savedAt) });
        } else {
          writeLocal(storyId, { baseVersion: baseVersion.current, doc: docRef.current, at: Date.now() });
          setState({ kind: "dirty" });
          again.current = true;
        }
      } else if (data?.status === "conflict") {
        conflictRef.current = true;
        setConflict(data.server);
        setState({ kind: "conflict" });
      } else if (result.ok) {
        setState({ kind: "error", message: "Unexpected answer from the server." });
      } else if (result.code === "invalid") {
        setState({ kind: "invalid", message: result.message });
      } else if (result.code === "unauthorized") {
        setState({ kind: "signed-out" });
      } else {
        setState({ kind: "error", message: result.message });
      }
    } catch {
      // The server could not be reached: the draft is already in this browser.
      setState({ kind: "offline" });
      schedule(RETRY_MS);
    } finally {
      inFlight.current = false;
      if (again.current && !conflictRef.current) schedule(DEBOUNCE_MS);
    }
  }, [storyId, schedule]);

  const setDoc = useCallback(
    (update: (d: StoryDoc) => StoryDoc) => {
      setDocState((current) => {
        const next = update(current);
        docRef.current = next;
        unsaved.current = true;
        writeLocal(storyId, { baseVersion: baseVersion.current, doc: next, at: Date.now() });
        return next;
      });
      if (!conflictRef.current) {
        setState((s) => (s.kind === "offline" ? s : { kind: "dirty" }));
        schedule(DEBOUNCE_MS);
      }
    },
    [storyId, schedule],
  );

  // Tabs on this device share the stored drafts. A tab that holds unsaved changes to this
  // story answers when another tab asks, so a new tab restores only orphaned drafts (left by
  // a tab that closed or lost its connection), never the live draft of a tab still open.
  useEffect(() => {
    if (typeof BroadcastChannel === "undefined") return;
    const channel = new BroadcastChannel("ripple-story-drafts");
    channel.onmessage = (event: MessageEvent<{ type: string; storyId: string }>) => {
      if (event.data.type === "who-edits" && event.data.storyId === storyId && unsaved.current) channel.postMessage({ type: "i-edit", storyId });
    };
    return () => channel.close();
  }, [storyId]);

  // On arrival: changes made on this device that never reached the server come back.
  useEffect(() => {
    const local = readLocal(storyId);
    if (!local) return;
    if (JSON.stringify(local.doc) === JSON.stringify(opts.initialDoc)) {
      clearLocal(storyId);
      return;
    }
    let cancelled = false;
    const restore = () => {
      if (cancelled) return;
      docRef.current = local.doc;
      unsaved.current = true;
      setDocState(local.doc);
      setRestored(true);
      if (local.baseVersion === opts.initialVersion) {
        setState({ kind: "dirty" });
        schedule(300);
      } else {
        conflictRef.current = true;
        setConflict({ version: opts.initialVersion, doc: opts.initialDoc, updatedAt: opts.initialSavedAt });
        setState({ kind: "conflict" });
      }
    };
    if (typeof BroadcastChannel === "undefined") {
      restore();
      return;
    }
    const ask = new BroadcastChannel("ripple-story-drafts");
    let claimed = false;
    ask.onmessage = (event: MessageEvent<{ type: string; storyId: string }>) => {
      if (event.data.type === "i-edit" && event.data.storyId === storyId) claimed = true;
    };
    ask.postMessage({ type: "who-edits", storyId });
    const timer = setTimeout(() => {
      ask.close();
      if (!claimed) restore();
    }, CLAIM_WAIT_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      ask.close();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const onOnline = () => {
      if (!conflictRef.current) schedule(0);
    };
    const onHide = () => {
      if (document.visibilityState === "hidden" && timer.current && !conflictRef.current) void saveNow();
    };
    window.addEventListener("online", onOnline);
    document.addEventListener("visibilitychange", onHide);
    return () => {
      window.removeEventListener("online", onOnline);
      document.removeEventListener("visibilitychange", onHide);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [schedule, saveNow]);

  /** Resolve a conflict: keep this version (saved over the other), or take the saved one. */
  const resolve = useCallback(
    (choice: "mine" | "theirs") => {
      if (!conflict) return;
      baseVersion.current = conflict.version;
      conflictRef.current = false;
      setConflict(null);
      if (choice === "theirs") {
        docRef.current = conflict.doc;
        unsaved.current = false;
        setDocState(conflict.doc);
        clearLocal(storyId);
        setState({ kind: "saved", at: new Date(conflict.updatedAt) });
      } else {
        writeLocal(storyId, { baseVersion: conflict.version, doc: docRef.current, at: Date.now() });
        void saveNow();
      }
    },
    [conflict, saveNow, storyId],
  );

  return { doc, setDoc, state, conflict, resolve, restored, dismissRestored: () => setRestored(false), saveNow };
}
