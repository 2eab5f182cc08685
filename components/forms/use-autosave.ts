"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { judgeServerVersion } from "@/lib/domain/autosave";
import type { ActionResult } from "@/lib/platform/result";

export type SaveState =
  | { kind: "saved"; at: Date | null }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "offline" }
  | { kind: "invalid"; message: string }
  | { kind: "signed-out" }
  | { kind: "error"; message: string }
  | { kind: "conflict" };

/** A version of the document as the server holds it. */
export type ServerVersion<D> = { version: number; doc: D; updatedAt: Date | null };

/** What a save action answers: saved as a new version, or refused with the version saved meanwhile. */
export type SaveAnswer<D> = { status: "saved"; version: number; savedAt: Date } | { status: "conflict"; server: ServerVersion<D> };

/**
 * What this browser keeps while the server has not confirmed a change: the document, the version
 * it is based on and that version's content, and the saves sent without an answer (a page that
 * is reloaded while a save is in flight never hears back), so that a later page recognises them.
 */
type LocalDraft<D> = { baseVersion: number; base?: D; doc: D; sent?: D[]; at: number };

export type AutosaveOptions<D> = {
  /** Where this browser keeps the unconfirmed document (localStorage); unique per document and person. */
  storageKey: string;
  /** The BroadcastChannel on which open tabs say which documents they are editing. */
  channel: string;
  /** The version the page was rendered with. */
  initial: ServerVersion<D>;
  save: (baseVersion: number, doc: D) => Promise<ActionResult<SaveAnswer<D>>>;
  /** Whether two documents hold the same content (as the server stores it). */
  sameContent: (a: D, b: D) => boolean;
  /** Reads a document this browser kept, perhaps written by an earlier version of the page. Default: as kept. */
  revive?: (stored: unknown) => D;
};

const DEBOUNCE_MS = 1200;
/** How long a newly opened tab waits for another open tab to claim a stored draft. */
const CLAIM_WAIT_MS = 250;
const RETRY_MS = 4000;
/** Saves sent without an answer that a draft remembers. */
const SENT_KEPT = 3;
/** Rebases onto versions this page already knew, in a row, before asking the person. */
const MAX_REBASES = 3;

function readLocal<D>(key: string, revive?: (stored: unknown) => D): LocalDraft<D> | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const draft = JSON.parse(raw) as LocalDraft<D>;
    if (!revive) return draft;
    return {
      ...draft,
      doc: revive(draft.doc),
      ...(draft.base !== undefined ? { base: revive(draft.base) } : {}),
      ...(draft.sent ? { sent: draft.sent.map(revive) } : {}),
    };
  } catch {
    return null;
  }
}

function writeLocal<D>(key: string, draft: LocalDraft<D>) {
  try {
    window.localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // storage full or disabled: the server copy is still tried
  }
}

function clearLocal(key: string) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // nothing to clear
  }
}

/**
 * Keeps a document saved: every change is mirrored to this browser at once, sent to the server
 * a moment after typing pauses, retried while the server cannot be reached, and checked against
 * the version it was based on. A version saved meanwhile that holds this page's own content (its
 * starting point, or a save whose answer was lost) is built upon; one with someone else's words
 * is a conflict, which only the person resolves, whenever they choose: typing goes on, and
 * nothing is replaced until then.
 */
export function useAutosave<D>(opts: AutosaveOptions<D>) {
  const { storageKey: key, channel: channelName, save, sameContent } = opts;
  const [doc, setDocState] = useState<D>(opts.initial.doc);
  const [state, setState] = useState<SaveState>({ kind: "saved", at: opts.initial.updatedAt });
  const [conflict, setConflict] = useState<ServerVersion<D> | null>(null);
  const [restored, setRestored] = useState(false);
  const docRef = useRef(doc);
  const baseVersion = useRef(opts.initial.version);
  /** The content of the version the document is based on. */
  const baseDoc = useRef<D>(opts.initial.doc);
  /** Documents sent to the server whose answer has not come (this page's, or a reloaded one's). */
  const sentDocs = useRef<D[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const paused = useRef(false);
  const rebases = useRef(0);
  const conflictRef = useRef<ServerVersion<D> | null>(null);
  /** This tab holds changes the server has not confirmed (so its stored draft is live). */
  const unsaved = useRef(false);
  const saveRef = useRef(save);
  const saveNowRef = useRef<() => Promise<void>>(async () => {});

  const persist = useCallback(() => {
    writeLocal<D>(key, {
      baseVersion: baseVersion.current,
      base: baseDoc.current,
      doc: docRef.current,
      sent: sentDocs.current.slice(-SENT_KEPT),
      at: Date.now(),
    });
  }, [key]);

  const schedule = useCallback((ms: number) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      void saveNowRef.current();
    }, ms);
  }, []);

  /** The server holds `content` as `version`: build on it. */
  const adopt = useCallback(
    (version: number, content: D, at: Date | null) => {
      baseVersion.current = version;
      baseDoc.current = content;
      sentDocs.current = [];
      if (sameContent(docRef.current, content) && !again.current) {
        unsaved.current = false;
        rebases.current = 0;
        clearLocal(key);
        setState({ kind: "saved", at: at ? new Date(at) : null });
      } else {
        persist();
        setState({ kind: "dirty" });
        again.current = true;
      }
    },
    [key, persist, sameContent],
  );

  const saveNow = useCallback(async (): Promise<void> => {
    if (conflictRef.current || paused.current) return;
    if (inFlight.current) {
      again.current = true;
      return;
    }
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    again.current = false;
    const sent = docRef.current;
    sentDocs.current = [...sentDocs.current, sent].slice(-SENT_KEPT);
    persist();
    setState({ kind: "saving" });
    let retry = false;
    const run = (async () => {
      try {
        const result = await saveRef.current(baseVersion.current, sent);
        const data = result.ok ? result.data : null;
        if (data?.status === "saved") {
          rebases.current = 0;
          adopt(data.version, sent, data.savedAt);
        } else if (data?.status === "conflict") {
          const server = data.server;
          const verdict = judgeServerVersion(server.doc, docRef.current, [baseDoc.current, ...sentDocs.current], sameContent);
          if (verdict === "same") {
            adopt(server.version, server.doc, server.updatedAt);
          } else if (verdict === "known" && rebases.current < MAX_REBASES) {
            // Our own words (or the version we started from) under a newer number: save on top.
            rebases.current += 1;
            adopt(server.version, server.doc, server.updatedAt);
          } else {
            conflictRef.current = server;
            setConflict(server);
            persist();
            setState({ kind: "conflict" });
          }
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
        retry = true;
      }
    })();
    inFlight.current = run;
    await run;
    inFlight.current = null;
    if (conflictRef.current || paused.current) return;
    if (retry) schedule(RETRY_MS);
    else if (again.current) schedule(rebases.current > 0 ? 0 : DEBOUNCE_MS);
  }, [adopt, persist, schedule, sameContent]);
  // The latest `save` and `saveNow`, for the timers and listeners that outlive a render: set
  // when a render commits, before any effect or timer can use them.
  useLayoutEffect(() => {
    saveRef.current = save;
    saveNowRef.current = saveNow;
  });

  const setDoc = useCallback(
    (update: (d: D) => D) => {
      const next = update(docRef.current);
      docRef.current = next;
      unsaved.current = true;
      persist();
      setDocState(next);
      if (!conflictRef.current) {
        setState((s) => (s.kind === "offline" ? s : { kind: "dirty" }));
        if (!paused.current) schedule(DEBOUNCE_MS);
      }
    },
    [persist, schedule],
  );

  // Tabs on this device share the stored drafts. A tab that holds unsaved changes to this
  // document answers when another tab asks, so a new tab restores only orphaned drafts (left by
  // a tab that closed or lost its connection), never the live draft of a tab still open.
  useEffect(() => {
    if (typeof BroadcastChannel === "undefined") return;
    const channel = new BroadcastChannel(channelName);
    channel.onmessage = (event: MessageEvent<{ type: string; key: string }>) => {
      if (event.data.type === "who-edits" && event.data.key === key && unsaved.current) channel.postMessage({ type: "i-edit", key });
    };
    return () => channel.close();
  }, [channelName, key]);

  // On arrival: changes made on this device that never reached the server come back.
  useEffect(() => {
    const local = readLocal<D>(key, opts.revive);
    if (!local) return;
    const initial = opts.initial;
    if (sameContent(local.doc, initial.doc)) {
      clearLocal(key);
      return;
    }
    let cancelled = false;
    const restore = () => {
      if (cancelled) return;
      docRef.current = local.doc;
      unsaved.current = true;
      setDocState(local.doc);
      setRestored(true);
      const known = [...(local.base === undefined ? [] : [local.base]), ...(local.sent ?? [])];
      if (local.baseVersion === initial.version) {
        baseDoc.current = local.base ?? initial.doc;
        sentDocs.current = local.sent ?? [];
      } else if (judgeServerVersion(initial.doc, local.doc, known, sameContent) === "known") {
        // The server moved on with content this device sent or started from: build on it.
        baseVersion.current = initial.version;
        baseDoc.current = initial.doc;
      } else {
        baseVersion.current = local.baseVersion;
        baseDoc.current = local.base ?? initial.doc;
        conflictRef.current = initial;
        setConflict(initial);
        setState({ kind: "conflict" });
        return;
      }
      persist();
      setState({ kind: "dirty" });
      schedule(300);
    };
    if (typeof BroadcastChannel === "undefined") {
      restore();
      return;
    }
    const ask = new BroadcastChannel(channelName);
    let claimed = false;
    ask.onmessage = (event: MessageEvent<{ type: string; key: string }>) => {
      if (event.data.type === "i-edit" && event.data.key === key) claimed = true;
    };
    ask.postMessage({ type: "who-edits", key });
    const wait = setTimeout(() => {
      ask.close();
      if (!claimed) restore();
    }, CLAIM_WAIT_MS);
    return () => {
      cancelled = true;
      clearTimeout(wait);
      ask.close();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const onOnline = () => {
      if (!conflictRef.current && unsaved.current) schedule(0);
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

  /**
   * Ends a conflict with the document the person chose (theirs, the saved one, or both merged):
   * it is based on the version saved meanwhile, and saved unless it is that version.
   */
  const resolveWith = useCallback(
    (chosen: D) => {
      const server = conflictRef.current;
      if (!server) return;
      conflictRef.current = null;
      setConflict(null);
      baseVersion.current = server.version;
      baseDoc.current = server.doc;
      sentDocs.current = [];
      rebases.current = 0;
      docRef.current = chosen;
      setDocState(chosen);
      if (sameContent(chosen, server.doc)) {
        unsaved.current = false;
        clearLocal(key);
        setState({ kind: "saved", at: server.updatedAt ? new Date(server.updatedAt) : null });
      } else {
        unsaved.current = true;
        persist();
        void saveNow();
      }
    },
    [key, persist, saveNow, sameContent],
  );

  /** Stops autosaving and waits for a save in flight: before a submission that replaces the draft. */
  const settle = useCallback(async () => {
    paused.current = true;
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    while (inFlight.current) await inFlight.current;
  }, []);

  /** Autosaves again after `settle`: the changes not saved yet are sent after a pause. */
  const resume = useCallback(() => {
    paused.current = false;
    if (unsaved.current && !conflictRef.current) schedule(DEBOUNCE_MS);
  }, [schedule]);

  /** The server now holds `server` (e.g. the draft was submitted): start again from it. */
  const reset = useCallback(
    (server: ServerVersion<D>) => {
      paused.current = false;
      conflictRef.current = null;
      setConflict(null);
      baseVersion.current = server.version;
      baseDoc.current = server.doc;
      sentDocs.current = [];
      rebases.current = 0;
      if (!sameContent(docRef.current, server.doc)) {
        docRef.current = server.doc;
        setDocState(server.doc);
      }
      unsaved.current = false;
      clearLocal(key);
      setState({ kind: "saved", at: server.updatedAt ? new Date(server.updatedAt) : null });
    },
    [key, sameContent],
  );

  return { doc, setDoc, state, conflict, resolveWith, restored, dismissRestored: () => setRestored(false), saveNow, settle, resume, reset };
}
