"use client";

import { useState } from "react";

/**
 * Copies text to the clipboard and says what happened, for a `role="status"` next to the button:
 * `copied` once it is there, `refused` when the browser would not (then the person selects it).
 */
export function useCopy({
  copied = "Copied.",
  refused = "Your browser did not let Ripple copy it: select the text and copy it.",
}: { copied?: string; refused?: string } = {}) {
  const [note, setNote] = useState("");
  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setNote(copied);
    } catch {
      setNote(refused);
    }
  }
  return { note, copy };
}
