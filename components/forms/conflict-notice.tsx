"use client";

import { lazy, Suspense, useState, type ComponentType } from "react";
import type { ServerVersion } from "./use-autosave";

/** One field in which the two versions differ, as text for people. */
export type ConflictField = { key: string; label: string; mine: string; saved: string };

export type ConflictNoticeProps<D> = {
  /**
   * "banner": a line of explanation and the button, beside the fields; "button": the button only,
   * for a toolbar whose save status already says what happened.
   */
  variant?: "banner" | "button";
  /** "story", "reflection": what was changed. */
  noun: string;
  conflict: ServerVersion<D> | null;
  mine: D;
  fields: (mine: D, saved: D) => ConflictField[];
  /** The whole document as plain text, to copy. */
  asText: (doc: D) => string;
  merge: (mine: D, saved: D) => D;
  /** What "Keep both" does where a field holds one value only. */
  bothHint: string;
  resolveWith: (doc: D) => void;
  /** Puts a replaced version back (as a change, saved over the other). */
  restore: (doc: D) => void;
};

// The notice and its comparison dialog (Radix) load when a conflict first comes, not with the
// editor: most writing never meets one.
const Panel = lazy(() => import("./conflict-notice-panel")) as unknown as ComponentType<ConflictNoticeProps<unknown>>;

/**
 * A version saved somewhere else while the person was writing here (conflict-notice-panel.tsx
 * says how it is offered). Mounted from the first conflict on: the panel keeps the replaced
 * version it offers to bring back.
 */
export function ConflictNotice<D>(props: ConflictNoticeProps<D>) {
  const [seen, setSeen] = useState(false);
  if (props.conflict !== null && !seen) setSeen(true);
  if (!seen && props.conflict === null) return null;
  return (
    <Suspense fallback={null}>
      <Panel {...(props as ConflictNoticeProps<unknown>)} />
    </Suspense>
  );
}
