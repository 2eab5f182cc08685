"use client";

import { useEffect } from "react";

/**
 * Registers public/sw.js (the installable app's service worker: the offline page, cached static
 * files) in production builds. Development serves files that change on every edit: no worker.
 */
export function ServiceWorker() {
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // Not available (a private window, an insecure origin): Ripple works without it.
    });
  }, []);
  return null;
}
