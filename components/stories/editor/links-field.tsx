"use client";

import { X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type Link = { url: string; label: string };

/** Evidence links for one cycle: add a URL (http or https only) with an optional label. */
export function LinksField({ id, links, onChange }: { id: string; links: Link[]; onChange: (links: Link[]) => void }) {
  const [url, setUrl] = useState("");
  const [label, setLabel] = useState("");
  const [error, setError] = useState<string | null>(null);
  function add() {
    const value = url.trim();
    if (!value) return;
    let ok = false;
    try {
      ok = ["http:", "https:"].includes(new URL(value).protocol);
    } catch {
      ok = false;
    }
    if (!ok) {
      setError("Enter a link that starts with http:// or https://.");
      return;
    }
    setError(null);
    onChange([...links, { url: value, label: label.trim() }]);
    setUrl("");
    setLabel("");
  }
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Links</legend>
      {links.length ? (
        <ul className="space-y-1 text-sm">
          {links.map((l, i) => (
            <li key={`${l.url}-${i}`} className="flex items-center gap-2">
              <a href={l.url} target="_blank" rel="noopener noreferrer nofollow" className="min-w-0 truncate text-primary underline underline-offset-4">
                {l.label || l.url}
              </a>
              <Button
                type="button"
                variant="ghost"
                size="icon"
                aria-label={`Remove link ${l.label || l.url}`}
                onClick={() => onChange(links.filter((_, j) => j !== i))}
              >
                <X aria-hidden="true" />
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="grid gap-2 sm:grid-cols-[2fr_1fr_auto] sm:items-end">
        <div className="space-y-1">
          <Label htmlFor={`${id}-url`} className="text-xs text-muted-foreground">
            Link
          </Label>
          <Input
            id={`${id}-url`}
            type="url"
            inputMode="url"
            placeholder="https://"
            value={url}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-url-error` : undefined}
            onChange={(e) => setUrl(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                add();
              }
            }}
          />
        </div>
        <div className="space-y-1">
          <Label htmlFor={`${id}-label`} className="text-xs text-muted-foreground">
            Label (optional)
          </Label>
          <Input id={`${id}-label`} value={label} onChange={(e) => setLabel(e.target.value)} />
        </div>
        <Button type="button" variant="outline" onClick={add}>
          Add link
        </Button>
      </div>
      {error ? (
        <p id={`${id}-url-error`} role="alert" className="text-sm font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
