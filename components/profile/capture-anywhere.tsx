"use client";

import { useEffect, useRef, useState } from "react";
import { useHydrated } from "@/components/forms/use-hydrated";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { bookmarkletSource } from "@/lib/domain/bookmarklet";

/**
 * The profile's "Capture from any page": the bookmarklet to drag to the bookmarks bar, the same
 * code to copy on a phone, and how to install the app (which phones' share sheets then offer).
 */
export function CaptureAnywhere() {
  // Built for the address this page is on, once in the browser (the server may sit behind a proxy).
  const hydrated = useHydrated();
  const source = hydrated ? bookmarkletSource(window.location.origin) : "";
  const link = useRef<HTMLAnchorElement>(null);
  const [note, setNote] = useState("");

  // React refuses javascript: addresses in href (rightly, for addresses it renders from data);
  // this one is Ripple's own code, built above, so it is set on the element directly.
  useEffect(() => {
    if (source) link.current?.setAttribute("href", source);
  }, [source]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(source);
      setNote("Copied. Now add a bookmark and paste this as its address.");
    } catch {
      setNote("Your browser did not let Ripple copy it: select the text above and copy it.");
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Capture from any page</CardTitle>
        <CardDescription>
          Drag this button to your browser&apos;s bookmarks bar. On any page, click it: quick capture opens in a small window with the page&apos;s title and
          address filled in. Check it, then save.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <div className="flex flex-wrap items-center gap-3">
          <a
            ref={link}
            href="#capture-anywhere"
            draggable
            aria-disabled={!source}
            onClick={(e) => {
              e.preventDefault();
              setNote("Drag the button to your bookmarks bar; clicking it here does nothing.");
            }}
            className="inline-flex h-10 cursor-grab items-center gap-2 rounded-md border border-primary bg-primary/10 px-4 text-sm font-medium text-foreground focus-visible:outline-2 focus-visible:outline-ring"
          >
            Save to Ripple
          </a>
          <span className="text-sm text-muted-foreground">Works on any site, and only opens Ripple: it runs nothing on the page.</span>
        </div>
        <div className="space-y-2">
          <Label htmlFor="bookmarklet-code">On a phone, or if dragging does not work</Label>
          <p id="bookmarklet-help" className="text-sm text-muted-foreground">
            Copy this, bookmark any page, then edit that bookmark: give it a name such as “Save to Ripple” and paste this as its address.
          </p>
          <Textarea
            id="bookmarklet-code"
            aria-describedby="bookmarklet-help"
            readOnly
            rows={3}
            value={source}
            onFocus={(e) => e.currentTarget.select()}
            className="min-h-0 font-mono text-xs break-all"
          />
          <div className="flex flex-wrap items-center gap-3">
            <Button type="button" variant="outline" size="sm" disabled={!source} onClick={() => void copy()}>
              Copy the bookmarklet
            </Button>
            <p role="status" aria-live="polite" className="text-sm">
              {note}
            </p>
          </div>
        </div>
        <p className="text-sm text-muted-foreground">
          On a phone, install Ripple (your browser&apos;s menu: “Install app” or “Add to Home screen”): sharing a link or text to Ripple then opens quick
          capture, filled in, and moments you capture offline are sent when you are back online.
        </p>
      </CardContent>
    </Card>
  );
}
