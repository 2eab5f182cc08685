"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import {
  discardQueuedCapture,
  listQueuedCaptures,
  OUTBOX_CHANGED,
  sendQueuedCaptures,
  setOutboxOwner,
  type QueuedCapture,
  type SentCapture,
} from "./capture-outbox";

/** How often to try again while moments wait and the browser believes it is online. */
const RETRY_MS = 30_000;

/**
 * Says what the capture outbox holds (moments captured offline, waiting to be sent), sends them
 * when the connection returns, and says when they were sent. Shown on every page of the app.
 */
export function CaptureOutboxStatus({ owner }: { owner: string }) {
  // Before any effect (the forms' included): whose captures this page keeps and sends.
  setOutboxOwner(owner);
  const router = useRouter();
  const [queued, setQueued] = useState<QueuedCapture[]>([]);
  const [sent, setSent] = useState<SentCapture[]>([]);
  const [online, setOnline] = useState(true);

  const read = useCallback(async () => setQueued(await listQueuedCaptures()), []);
  const send = useCallback(async () => {
    const done = await sendQueuedCaptures();
    if (done.length) {
      setSent(done);
      router.refresh();
    }
  }, [router]);

  useEffect(() => {
    const update = () => void read();
    const back = () => {
      setOnline(true);
      void send();
    };
    const away = () => setOnline(false);
    const visible = () => {
      if (document.visibilityState === "visible") void send();
    };
    // eslint-disable-next-line react-hooks/set-state-in-effect -- reads the browser's state after hydration
    setOnline(navigator.onLine);
    void send();
    window.addEventListener(OUTBOX_CHANGED, update);
    window.addEventListener("online", back);
    window.addEventListener("offline", away);
    document.addEventListener("visibilitychange", visible);
    return () => {
      window.removeEventListener(OUTBOX_CHANGED, update);
      window.removeEventListener("online", back);
      window.removeEventListener("offline", away);
      document.removeEventListener("visibilitychange", visible);
    };
  }, [read, send]);

  const waiting = queued.filter((q) => !q.refused);
  const refused = queued.filter((q) => q.refused);
  useEffect(() => {
    if (!waiting.length || !online) return;
    const timer = window.setInterval(() => void send(), RETRY_MS);
    return () => window.clearInterval(timer);
  }, [waiting.length, online, send]);

  const last = sent.at(-1);
  const nothing = !waiting.length && !refused.length && !last;
  return (
    <div role="status" aria-live="polite" className={nothing ? "sr-only" : "mb-4 space-y-2 rounded-md border border-border bg-muted/40 p-3 text-sm"}>
      {waiting.length ? (
        <p>
          <span className="font-medium">{waiting.length === 1 ? "1 moment is" : `${waiting.length} moments are`} waiting to be sent</span> (
          {waiting.map((w) => `“${w.what}”`).join(", ")}).{" "}
          {online ? "Sending as soon as Ripple answers." : "You are offline: it is kept on this device and sent when you are back online."}
        </p>
      ) : null}
      {refused.map((r) => (
        <p key={r.clientId} className="flex flex-wrap items-center gap-2">
          <span>
            “{r.what}” was not saved: {r.refused}
          </span>
          <Button type="button" size="sm" variant="outline" onClick={() => void discardQueuedCapture(r.clientId)}>
            Discard it
          </Button>
        </p>
      ))}
      {last && !waiting.length ? (
        <p>
          Sent{sent.length > 1 ? ` ${sent.length} moments, the last` : ""} “<span className="font-medium">{last.what}</span>”.{" "}
          <Link href={`/stories/${last.id}/edit`} className="font-medium text-primary underline underline-offset-4">
            Grow this story
          </Link>
        </p>
      ) : null}
    </div>
  );
}
