"use client";

import { AlertTriangle, Check, CloudOff, Loader2 } from "lucide-react";
import type { SaveState } from "./use-autosave";
import { formatDate } from "@/lib/domain/format";
import { useTimeZone } from "@/components/layout/time-zone";

/**
 * Where an autosaved document stands, announced politely (it never takes the focus). `savedText`
 * says what "saved" means here (a story is saved; a reflection's draft is kept).
 */
export function SaveStatus({
  state,
  savedText = "Saved",
  quiet = false,
}: {
  state: SaveState;
  savedText?: string;
  /** Say nothing (yet): the live region stays, empty. */ quiet?: boolean;
}) {
  const timeZone = useTimeZone();
  const content = (() => {
    switch (state.kind) {
      case "saved":
        return {
          icon: <Check aria-hidden="true" />,
          text: state.at ? `${savedText} at ${formatDate(state.at, "time", timeZone)}` : savedText,
          tone: "text-success",
        };
      case "dirty":
        return { icon: null, text: "Unsaved changes…", tone: "text-muted-foreground" };
      case "saving":
        return { icon: <Loader2 aria-hidden="true" className="motion-safe:animate-spin" />, text: "Saving…", tone: "text-muted-foreground" };
      case "offline":
        return { icon: <CloudOff aria-hidden="true" />, text: "Offline: saved on this device. We will send it when the server is back.", tone: "text-warning" };
      case "invalid":
        return { icon: <AlertTriangle aria-hidden="true" />, text: `Not saved yet: ${state.message}`, tone: "text-destructive" };
      case "signed-out":
        return {
          icon: <AlertTriangle aria-hidden="true" />,
          text: "Your session ended. Your changes are kept on this device: sign in again in another tab, then come back.",
          tone: "text-destructive",
        };
      case "error":
        return { icon: <AlertTriangle aria-hidden="true" />, text: `Not saved: ${state.message}`, tone: "text-destructive" };
      case "conflict":
        return {
          icon: <AlertTriangle aria-hidden="true" />,
          text: "Also changed somewhere else. Nothing here is replaced.",
          tone: "text-warning",
        };
    }
  })();
  return (
    <p
      role="status"
      aria-live="polite"
      data-save-state={state.kind}
      className={`flex items-center gap-1.5 text-sm empty:hidden [&_svg]:size-4 [&_svg]:shrink-0 ${content.tone}`}
    >
      {quiet ? null : content.icon}
      {quiet ? null : content.text}
    </p>
  );
}
