"use client";

import { ArrowLeft, ArrowRight, Eye } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, useState, useTransition } from "react";
import { saveStoryAction, setStoryStatusAction, trashStoryAction } from "@/lib/actions/stories";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SelectNative } from "@/components/ui/select-native";
import { Textarea } from "@/components/ui/textarea";
import { CYCLES, CYCLE_INFO, cycleAnchor, furthestCycle, type Cycle } from "@/lib/domain/framework";
import { VISIBILITIES, VISIBILITY_HINT, VISIBILITY_LABEL, audiencePhrase, type Visibility } from "@/lib/domain/roles";
import { mergeStoryDocs, reachedCycles, sameStoryContent, type StoryDoc } from "@/lib/domain/story";
import { ConflictNotice } from "@/components/forms/conflict-notice";
import { SaveStatus } from "@/components/forms/save-status";
import { useAutosave } from "@/components/forms/use-autosave";
import { STORY_KEEP_BOTH_HINT, storyAsText, storyConflictFields } from "./conflict-dialog";
import { ContributorsField, type Colleague } from "./contributors-field";
import { CycleSection, FigureUnitList, type EvidenceFile, type IndicatorOption } from "./cycle-section";
import { CycleStepper } from "./cycle-stepper";
import { TagsField } from "./tags-field";

export type EditorProps = {
  storyId: string;
  version: number;
  status: "DRAFT" | "PUBLISHED";
  updatedAt: Date;
  doc: StoryDoc;
  files: Record<Cycle, EvidenceFile[]>;
  channels: { key: string; label: string }[];
  indicators: Record<Cycle, IndicatorOption[]>;
  colleagues: Colleague[];
  /** The organisation's tag names the author may see, offered while typing a tag. */
  tagSuggestions: string[];
};

/** Says who sees the story now, and what sharing would change. */
function StandingLine({ status, visibility, reached }: { status: "DRAFT" | "PUBLISHED"; visibility: Visibility; reached: number }) {
  const cycles = reached === 1 ? "1 cycle of 5" : `${reached} cycles of 5`;
  if (status === "DRAFT") {
    return (
      <>
        Draft: only you see it. {visibility === "PRIVATE" ? "It stays yours when you share it." : `When you share it: ${audiencePhrase(visibility, null)}.`} It
        reaches {cycles}.
      </>
    );
  }
  return (
    <>
      {visibility === "PRIVATE" ? "Shared, but only you see it." : `Shared with ${audiencePhrase(visibility, null)}.`} It reaches {cycles}.
    </>
  );
}

const initialFileCounts = (files: Record<Cycle, EvidenceFile[]>) => Object.fromEntries(CYCLES.map((c) => [c, files[c].length])) as Record<Cycle, number>;

export function StoryEditor(props: EditorProps) {
  const { doc, setDoc, state, conflict, resolveWith, restored, dismissRestored } = useAutosave<StoryDoc>({
    storageKey: `ripple:story-draft:${props.storyId}`,
    channel: "ripple-story-drafts",
    initial: { version: props.version, doc: props.doc, updatedAt: props.updatedAt },
    save: (baseVersion, sent) => saveStoryAction(null, { storyId: props.storyId, baseVersion, doc: sent }),
    sameContent: sameStoryContent,
  });
  const [status, setStatus] = useState(props.status);
  const [pending, startTransition] = useTransition();
  const fileCounts = initialFileCounts(props.files);
  const reached = reachedCycles(doc.entries, fileCounts);
  const [selected, setSelected] = useState<Cycle>(() => furthestCycle(reachedCycles(props.doc.entries, initialFileCounts(props.files))) ?? "IMMEDIATE");
  const focusSelected = useRef(false);
  const index = CYCLES.indexOf(selected);
  const previous = index > 0 ? CYCLES[index - 1] : undefined;
  const following = CYCLES[index + 1];

  /** Shows one cycle (the others stay in the page, hidden), names it in the address, and moves to its question. */
  function choose(cycle: Cycle) {
    window.history.replaceState(window.history.state, "", `#${cycleAnchor(cycle)}`);
    if (cycle === selected) return document.getElementById(`${cycleAnchor(cycle)}-narrative`)?.focus();
    focusSelected.current = true;
    setSelected(cycle);
  }
  useEffect(() => {
    if (!focusSelected.current) return;
    focusSelected.current = false;
    document.getElementById(`${cycleAnchor(selected)}-narrative`)?.focus();
  }, [selected]);
  // An address with a cycle's anchor (a follow-up, a cycle circle on the story page) opens that cycle.
  useEffect(() => {
    function fromHash() {
      const cycle = CYCLES.find((c) => window.location.hash === `#${cycleAnchor(c)}`);
      if (!cycle) return;
      setSelected(cycle);
      requestAnimationFrame(() => document.getElementById(cycleAnchor(cycle))?.scrollIntoView({ block: "start" }));
    }
    fromHash();
    window.addEventListener("hashchange", fromHash);
    return () => window.removeEventListener("hashchange", fromHash);
  }, []);
  const set = <K extends keyof StoryDoc>(key: K, value: StoryDoc[K]) => setDoc((d) => ({ ...d, [key]: value }));

  function togglePublished() {
    const next = status === "DRAFT" ? "PUBLISHED" : "DRAFT";
    startTransition(async () => {
      const result = await setStoryStatusAction(null, { storyId: props.storyId, status: next });
      if (result.ok) setStatus(next);
    });
  }

  const conflictNotice = (
    <ConflictNotice
      variant="button"
      noun="story"
      conflict={conflict}
      mine={doc}
      fields={storyConflictFields}
      asText={storyAsText}
      merge={mergeStoryDocs}
      bothHint={STORY_KEEP_BOTH_HINT}
      resolveWith={resolveWith}
      restore={(mine) => setDoc(() => mine)}
    />
  );

  return (
    <div className="space-y-6">
      <div className="sticky top-14 z-20 -mx-4 flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-border bg-background/95 px-4 py-2 backdrop-blur sm:-mx-6 sm:px-6">
        <SaveStatus state={state} />
        {conflictNotice}
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <Button asChild variant="ghost" size="sm">
            <Link href={`/stories/${props.storyId}`}>
              <Eye aria-hidden="true" /> View
            </Link>
          </Button>
          <Button size="sm" variant={status === "DRAFT" ? "default" : "outline"} onClick={togglePublished} disabled={pending}>
            {status === "DRAFT" ? `Share with ${VISIBILITY_LABEL[doc.visibility].replace(/^My /, "my ").replace("Only me", "nobody yet")}` : "Back to draft"}
          </Button>
        </div>
      </div>

      {restored ? (
        <Alert variant="warning" role="status">
          <AlertDescription>
            <p>We restored changes you made on this device that had not reached the server yet.</p>
            <button type="button" className="text-sm underline underline-offset-4" onClick={dismissRestored}>
              Dismiss
            </button>
          </AlertDescription>
        </Alert>
      ) : null}

      <section aria-labelledby="standing-heading" className="space-y-4 rounded-lg border border-border bg-card p-4 sm:p-5">
        <div className="space-y-1">
          <h2 id="standing-heading" className="text-lg font-semibold">
            Where the story stands
          </h2>
          <p className="text-sm text-muted-foreground" data-testid="story-audience">
            <StandingLine status={status} visibility={doc.visibility} reached={reached.length} />
          </p>
        </div>
        <div className="space-y-1">
          <Label htmlFor="story-title">Title</Label>
          <Input
            id="story-title"
            value={doc.title}
            maxLength={200}
            onChange={(e) => set("title", e.target.value)}
            aria-invalid={doc.title.trim() === "" ? true : undefined}
            aria-describedby="story-title-hint"
          />
          <p id="story-title-hint" className="text-xs text-muted-foreground">
            {doc.title.trim() === "" ? "Give the story a title: it is not saved without one." : "One line that says what happened."}
          </p>
        </div>
        <div className="space-y-1">
          <Label htmlFor="story-narrative">Background</Label>
          <Textarea
            id="story-narrative"
            rows={2}
            maxLength={8000}
            value={doc.narrative}
            onChange={(e) => set("narrative", e.target.value)}
            aria-describedby="story-narrative-hint"
            placeholder="The situation, the question you had…"
          />
          <p id="story-narrative-hint" className="text-xs text-muted-foreground">
            Optional: what led to the moment. What happened itself, and what it was like, goes in 1. Immediate value.
          </p>
        </div>
        <CycleStepper selected={selected} reached={reached} onSelect={(c) => choose(c)} />
        <p className="text-xs text-muted-foreground">
          A story may start in any cycle, and any cycle may stay empty. Add the next one when its value shows up, even weeks later.
        </p>
        <FigureUnitList />
        {CYCLES.map((cycle) => (
          <CycleSection
            key={cycle}
            storyId={props.storyId}
            cycle={cycle}
            hidden={cycle !== selected}
            entry={doc.entries[cycle]}
            indicators={props.indicators[cycle]}
            files={props.files[cycle]}
            reached={reached.includes(cycle)}
            onChange={(entry) => setDoc((d) => ({ ...d, entries: { ...d.entries, [cycle]: entry } }))}
          />
        ))}
        <div className="flex flex-wrap justify-between gap-2">
          {previous ? (
            <Button type="button" variant="ghost" size="sm" onClick={() => choose(previous)}>
              <ArrowLeft aria-hidden="true" /> {CYCLE_INFO[previous].number}. {CYCLE_INFO[previous].name}
            </Button>
          ) : (
            <span />
          )}
          {following ? (
            <Button type="button" variant="outline" size="sm" onClick={() => choose(following)}>
              Next: {CYCLE_INFO[following].number}. {CYCLE_INFO[following].name} <ArrowRight aria-hidden="true" />
            </Button>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="about-heading" className="space-y-4 rounded-lg border border-border bg-card p-4 sm:p-5">
        <h2 id="about-heading" className="text-lg font-semibold">
          About the story
        </h2>
        <div className="grid grid-cols-2 gap-x-3 gap-y-4 sm:gap-x-4">
          <div className="space-y-1">
            <Label htmlFor="story-when">When</Label>
            <Input id="story-when" type="date" value={doc.occurredOn} onChange={(e) => e.target.value && set("occurredOn", e.target.value)} />
          </div>
          <div className="space-y-1">
            <Label htmlFor="story-channel">Where it happened</Label>
            <SelectNative id="story-channel" value={doc.channel} onChange={(e) => set("channel", e.target.value)}>
              <option value="">Not said yet</option>
              {props.channels.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.label}
                </option>
              ))}
            </SelectNative>
          </div>
          <div className="space-y-1">
            <Label htmlFor="story-invested">Time invested (minutes)</Label>
            <Input
              id="story-invested"
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              value={doc.minutesInvested ?? ""}
              onChange={(e) => set("minutesInvested", e.target.value === "" ? null : Math.max(0, Math.round(Number(e.target.value))))}
            />
          </div>
          <div className="space-y-1">
            <Label htmlFor="story-saved">Time saved (minutes)</Label>
            <Input
              id="story-saved"
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              value={doc.minutesSaved ?? ""}
              onChange={(e) => set("minutesSaved", e.target.value === "" ? null : Math.max(0, Math.round(Number(e.target.value))))}
            />
          </div>
        </div>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Who can see it</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {VISIBILITIES.map((v) => (
              <label
                key={v}
                className="flex cursor-pointer gap-3 rounded-md border border-border px-3 py-2 has-[:checked]:border-primary has-[:checked]:bg-secondary has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring"
              >
                <input type="radio" name="visibility" value={v} checked={doc.visibility === v} onChange={() => set("visibility", v)} className="mt-1" />
                <span>
                  <span className="block text-sm font-medium">{VISIBILITY_LABEL[v]}</span>
                  <span className="block text-xs text-muted-foreground">{VISIBILITY_HINT[v]}</span>
                </span>
              </label>
            ))}
          </div>
          <p className="text-xs text-muted-foreground">
            {status === "DRAFT" ? "While it is a draft, only you see it. Share it when you are ready." : "Shared: the people above can see it."}
          </p>
        </fieldset>
        <TagsField id="story-tags" tags={doc.tags} suggestions={props.tagSuggestions} onChange={(tags) => set("tags", tags)} />
      </section>

      <section aria-label="People" className="rounded-lg border border-border bg-card p-4 sm:p-5">
        <ContributorsField contributors={doc.contributors} colleagues={props.colleagues} onChange={(c) => set("contributors", c)} />
      </section>

      <section aria-labelledby="danger-heading" className="rounded-lg border border-border p-4">
        <h2 id="danger-heading" className="text-sm font-semibold">
          Remove this story
        </h2>
        <p className="mb-3 text-sm text-muted-foreground">It goes to your trash, where you can restore it for 30 days.</p>
        <form action={async (form: FormData) => void (await trashStoryAction(null, form))}>
          <input type="hidden" name="storyId" value={props.storyId} />
          <Button type="submit" variant="outline" size="sm">
            Move to trash
          </Button>
        </form>
      </section>
    </div>
  );
}
