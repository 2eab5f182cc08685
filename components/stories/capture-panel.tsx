"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { QuickCaptureForm } from "./quick-capture-form";

type Outcome = { kind: "saved"; id: string; what: string } | { kind: "queued"; what: string } | null;

/**
 * The capture page's form, filled in, and what follows a save: the moment named, a link to grow
 * it, another capture, or closing the window the bookmarklet opened. The filled form is not
 * shown again after a save, so one click cannot store the same page twice.
 */
export function CapturePanel({
  channels,
  preferredChannel,
  initial,
}: {
  channels: { key: string; label: string }[];
  preferredChannel: string | null;
  initial: { what: string; link: string };
}) {
  const [outcome, setOutcome] = useState<Outcome>(null);
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          Capture a learning moment
        </CardTitle>
        <CardDescription>
          {initial.what || initial.link
            ? "Filled in from the page you shared. Check it, then save."
            : "One line is enough. You can grow it into a story later."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {outcome ? (
          <div className="space-y-4">
            <p role="status" aria-live="polite">
              {outcome.kind === "saved" ? (
                <>
                  Saved “<span className="font-medium">{outcome.what}</span>”.
                </>
              ) : (
                <>
                  You are offline: “<span className="font-medium">{outcome.what}</span>” is kept on this device and sent when you are back online.
                </>
              )}
            </p>
            <div className="flex flex-wrap gap-3">
              {outcome.kind === "saved" ? (
                <Button asChild>
                  <Link href={`/stories/${outcome.id}/edit`}>Grow this story</Link>
                </Button>
              ) : null}
              <Button asChild variant="outline">
                <a href="/capture">Capture another</a>
              </Button>
              <Button type="button" variant="ghost" onClick={() => window.close()}>
                Close this window
              </Button>
            </div>
          </div>
        ) : (
          <QuickCaptureForm
            channels={channels}
            preferredChannel={preferredChannel}
            idPrefix="qc-page"
            initial={initial}
            onDone={(saved) => setOutcome({ kind: "saved", ...saved })}
            onQueued={(what) => setOutcome({ kind: "queued", what })}
          />
        )}
      </CardContent>
    </Card>
  );
}
