/** One figure of a report: its label, the value, and a note under it. Goes in a <dl>. */
export function Stat({ label, value, note, testId }: { label: string; value: string; note?: string; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-muted-foreground">{label}</dt>
      <dd className="mt-0.5">
        <span className="text-2xl font-semibold tracking-tight tabular-nums" data-testid={testId}>
          {value}
        </span>
        {note ? <span className="block text-xs text-muted-foreground">{note}</span> : null}
      </dd>
    </div>
  );
}
