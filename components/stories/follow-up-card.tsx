"use client";

import { useActionState } from "react";
import { dismissFollowUpAction, scheduleFollowUpAction } from "@/lib/actions/stories";
import { Button } from "@/components/ui/button";
import { SelectNative } from "@/components/ui/select-native";
import { CYCLE_INFO, type Cycle } from "@/lib/domain/framework";
import { formatDate } from "@/lib/domain/format";
import { useTimeZone } from "@/components/layout/time-zone";

/** "Remind me in 2, 4 or 6 weeks to add the next cycle", and the reminder once set. */
export function FollowUpCard({ storyId, next, open }: { storyId: string; next: Cycle | null; open: { id: string; dueAt: Date; cycle: Cycle | null } | null }) {
  const timeZone = useTimeZone();
  const [state, schedule, pending] = useActionState(scheduleFollowUpAction, null);
  const [, dismiss, dismissing] = useActionState(dismissFollowUpAction, null);
  if (open) {
    return (
      <div className="flex flex-wrap items-center gap-3 rounded-lg border border-border bg-card p-4 text-sm">
        <p className="flex-1">
          We will remind you on <strong>{formatDate(new Date(open.dueAt), "dayMonthLong", timeZone)}</strong> to add{" "}
          {open.cycle ? CYCLE_INFO[open.cycle].name.toLowerCase() : "what happened next"}.
        </p>
        <form action={dismiss}>
          <input type="hidden" name="followUpId" value={open.id} />
          <Button type="submit" variant="ghost" size="sm" disabled={dismissing}>
            Cancel reminder
          </Button>
        </form>
      </div>
    );
  }
  return (
    <form action={schedule} className="flex flex-wrap items-end gap-3 rounded-lg border border-border bg-card p-4">
      <input type="hidden" name="storyId" value={storyId} />
      <div className="min-w-56 flex-1 space-y-1">
        <label htmlFor="follow-up-weeks" className="text-sm font-medium">
          Remind me to add {next ? CYCLE_INFO[next].name.toLowerCase() : "the next cycle"}
        </label>
        <SelectNative id="follow-up-weeks" name="weeks" defaultValue="4">
          <option value="2">in 2 weeks</option>
          <option value="4">in 4 weeks</option>
          <option value="6">in 6 weeks</option>
        </SelectNative>
      </div>
      <Button type="submit" variant="outline" disabled={pending}>
        Set reminder
      </Button>
      {state && !state.ok ? (
        <p role="alert" className="w-full text-sm text-destructive">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
