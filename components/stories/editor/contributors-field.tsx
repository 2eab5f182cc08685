"use client";

import { X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SelectNative } from "@/components/ui/select-native";
import type { ContributorDoc } from "@/lib/domain/story";

export type Colleague = { id: string; name: string; team: string | null };

const TIE_LABEL = { STRONG: "Close tie", WEAK: "Occasional tie" } as const;

/** The people who helped: colleagues picked from the organisation, or anyone outside it. */
export function ContributorsField({
  contributors,
  colleagues,
  onChange,
}: {
  contributors: ContributorDoc[];
  colleagues: Colleague[];
  onChange: (c: ContributorDoc[]) => void;
}) {
  const [mode, setMode] = useState<"colleague" | "external">("colleague");
  const [colleague, setColleague] = useState("");
  const [name, setName] = useState("");
  const [platform, setPlatform] = useState("");
  const [insideOrg, setInsideOrg] = useState(false);
  const [tie, setTie] = useState<"STRONG" | "WEAK">("WEAK");
  const [error, setError] = useState<string | null>(null);
  // The form to add someone stays folded until asked for: most moments have one helper or none.
  const [adding, setAdding] = useState(false);
  const names = new Map(colleagues.map((c) => [c.id, c.name]));

  function add() {
    if (mode === "colleague") {
      if (!colleague) return setError("Choose a colleague.");
      onChange([...contributors, { membershipId: colleague, name: "", platform: "", insideOrg: true, tie }]);
      setColleague("");
    } else {
      if (!name.trim()) return setError("Type the person's name or handle.");
      onChange([...contributors, { membershipId: null, name: name.trim(), platform: platform.trim(), insideOrg, tie }]);
      setName("");
      setPlatform("");
    }
    setError(null);
  }

  return (
    <fieldset className="space-y-3">
      <legend className="text-base font-semibold">Who helped</legend>
      <p className="text-sm text-muted-foreground">The value of networks lies in their reach: note people from outside your team or organisation too.</p>
      {contributors.length ? (
        <ul className="divide-y divide-border rounded-md border border-border" aria-label="People who helped">
          {contributors.map((c, i) => (
            <li key={i} className="flex items-center gap-2 px-3 py-2 text-sm">
              <span className="min-w-0 flex-1">
                <span className="font-medium">{c.membershipId ? (names.get(c.membershipId) ?? "A colleague") : c.name}</span>
                <span className="text-muted-foreground">
                  {c.platform ? ` · ${c.platform}` : ""} · {c.insideOrg ? "inside the organisation" : "outside the organisation"} · {TIE_LABEL[c.tie]}
                </span>
              </span>
              <Button
                type="button"
                variant="ghost"
                size="icon"
                aria-label={`Remove ${c.membershipId ? (names.get(c.membershipId) ?? "colleague") : c.name}`}
                onClick={() => onChange(contributors.filter((_, j) => j !== i))}
              >
                <X aria-hidden="true" />
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <details className="group rounded-md bg-muted/60" open={adding} onToggle={(e) => setAdding(e.currentTarget.open)}>
        <summary className="cursor-pointer rounded-md px-3 py-2 text-sm font-medium hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring">
          {contributors.length ? "Add another person" : "Add a person who helped"}
        </summary>
        <div className="space-y-3 px-3 pb-3">
          <div role="radiogroup" aria-label="Who to add" className="flex flex-wrap gap-4 text-sm">
            <label className="inline-flex items-center gap-2">
              <input type="radio" name="contributor-mode" checked={mode === "colleague"} onChange={() => setMode("colleague")} /> A colleague on Ripple
            </label>
            <label className="inline-flex items-center gap-2">
              <input type="radio" name="contributor-mode" checked={mode === "external"} onChange={() => setMode("external")} /> Someone else
            </label>
          </div>
          {mode === "colleague" ? (
            <div className="space-y-1">
              <Label htmlFor="contributor-colleague">Colleague</Label>
              <SelectNative id="contributor-colleague" value={colleague} onChange={(e) => setColleague(e.target.value)}>
                <option value="">Choose a colleague</option>
                {colleagues.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                    {c.team ? ` (${c.team})` : ""}
                  </option>
                ))}
              </SelectNative>
            </div>
          ) : (
            <div className="grid gap-3 sm:grid-cols-2">
              <div className="space-y-1">
                <Label htmlFor="contributor-name">Name or handle</Label>
                <Input id="contributor-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="@jane or Jane Doe" />
              </div>
              <div className="space-y-1">
                <Label htmlFor="contributor-platform">Platform</Label>
                <Input
                  id="contributor-platform"
                  value={platform}
                  onChange={(e) => setPlatform(e.target.value)}
                  placeholder="LinkedIn, Mastodon, a conference…"
                />
              </div>
              <label className="inline-flex items-center gap-2 text-sm sm:col-span-2">
                <input type="checkbox" checked={insideOrg} onChange={(e) => setInsideOrg(e.target.checked)} /> Works in my organisation (but is not on Ripple)
              </label>
            </div>
          )}
          <div className="flex flex-wrap items-end gap-3">
            <div className="space-y-1">
              <Label htmlFor="contributor-tie">Tie</Label>
              <SelectNative id="contributor-tie" value={tie} onChange={(e) => setTie(e.target.value as "STRONG" | "WEAK")} wrapperClassName="w-48">
                <option value="STRONG">{TIE_LABEL.STRONG}</option>
                <option value="WEAK">{TIE_LABEL.WEAK}</option>
              </SelectNative>
            </div>
            <Button type="button" variant="outline" onClick={add}>
              Add person
            </Button>
          </div>
          {error ? (
            <p role="alert" className="text-sm font-medium text-destructive">
              {error}
            </p>
          ) : null}
        </div>
      </details>
    </fieldset>
  );
}
