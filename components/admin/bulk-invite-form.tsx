"use client";

import { useEffect, useId, useMemo, useRef, useState, useTransition } from "react";
import { createBulkInviteAction, previewBulkInviteAction } from "@/lib/actions/invites";
import { FormError } from "@/components/forms/form-error";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { BULK_INVITE_MAX_BYTES, BULK_INVITE_MAX_ROWS, tooLargeMessage } from "@/lib/domain/bulk-invite-limits";
import { ROLE_LABEL, type Role } from "@/lib/domain/roles";

type PreviewRow = {
  row: number;
  name: string | null;
  email: string;
  role: Role;
  teamName: string | null;
  managerName: string | null;
  errors: string[];
};
type Preview = { text: string; format: "csv" | "list"; rows: PreviewRow[]; ready: number; withErrors: number };
type Created = { emailed: boolean; invites: { id: string; email: string; name: string | null; path: string }[]; expiresAt: string | null };

/** Ready rows listed in the preview (all rows with errors are). */
const READY_SHOWN = 200;

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/**
 * Invite many people at once: paste addresses or a CSV, or choose a CSV file; preview every
 * row with its errors; then create all the invitations (and send their e-mails) or none.
 */
export function BulkInviteForm({ emailConfigured }: { emailConfigured: boolean }) {
  const [text, setText] = useState("");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const fileRef = useRef<HTMLInputElement>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);

  const runPreview = (value: string) => {
    setError(null);
    setCreated(null);
    startTransition(async () => {
      const result = await previewBulkInviteAction(null, { text: value });
      if (!result.ok) {
        setPreview(null);
        setError(result.fieldErrors?.text?.[0] ?? result.message);
        return;
      }
      setPreview({ text: value, ...result.data });
      requestAnimationFrame(() => previewHeading.current?.focus());
    });
  };

  const send = () => {
    if (!preview) return;
    setError(null);
    startTransition(async () => {
      const result = await createBulkInviteAction(null, { text: preview.text });
      if (!result.ok) {
        setError(result.fieldErrors?.text?.[0] ?? result.message);
        return;
      }
      setCreated(result.data);
      setPreview(null);
      setText("");
      if (fileRef.current) fileRef.current.value = "";
    });
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > BULK_INVITE_MAX_BYTES) {
      setError(tooLargeMessage);
      return;
    }
    const content = await file.text();
    setText(content);
    runPreview(content);
  };

  const stale = preview !== null && preview.text !== text;
  return (
    <div className="space-y-6">
      <form
        className="space-y-4"
        aria-label="People to invite"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          runPreview(text);
        }}
      >
        <Field
          id="bulk-text"
          label="E-mail addresses or CSV"
          hint={`One address per line (or separated by commas), or a CSV whose first row names the columns: email, and optionally name, role, team, manager. At most ${BULK_INVITE_MAX_ROWS.toLocaleString("en-GB")} people and 1 MB.`}
        >
          <Textarea
            name="text"
            rows={6}
            value={text}
            onChange={(e) => setText(e.target.value)}
            spellCheck={false}
            placeholder={"ava@example.com\nbo@example.com\n\nor\n\nname,email,role,team,manager\nAva Lee,ava@example.com,Employee,Design,marco@example.com"}
            className="font-mono text-sm"
          />
        </Field>
        <Field id="bulk-file" label="Or choose a CSV file" hint="Its rows are checked at once; nothing is sent before you confirm.">
          <Input ref={fileRef} type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void onFile(e.currentTarget.files?.[0])} />
        </Field>
        <FormError message={error} />
        <Button type="submit" variant={preview && !stale ? "outline" : "default"} disabled={pending}>
          {pending && !preview ? "Checking…" : "Preview"}
        </Button>
      </form>

      {preview ? (
        <section aria-labelledby="bulk-preview-heading" className="space-y-4">
          <h2 id="bulk-preview-heading" ref={previewHeading} tabIndex={-1} className="text-lg font-semibold outline-none">
            Preview: {plural(preview.rows.length, "person", "people")}
          </h2>
          {stale ? (
            <Alert role="status">
              <AlertDescription>The list changed since this preview. Preview again before sending.</AlertDescription>
            </Alert>
          ) : preview.withErrors ? (
            <Alert variant="destructive">
              <AlertTitle>{preview.withErrors === 1 ? "1 row has an error" : `${preview.withErrors.toLocaleString("en-GB")} rows have errors`}</AlertTitle>
              <AlertDescription>
                Correct or remove {preview.withErrors === 1 ? "it" : "them"} in the box above, then preview again. Nobody is invited until every row is ready.
              </AlertDescription>
            </Alert>
          ) : (
            <p role="status">
              All {plural(preview.ready, "row")} are ready.{" "}
              {emailConfigured ? "Each person gets an e-mail with their link." : "E-mail is not set up: you get the links to share yourself."}
            </p>
          )}
          {!stale && preview.withErrors === 0 ? (
            <Button type="button" onClick={send} disabled={pending}>
              {pending ? "Inviting…" : `${emailConfigured ? "Send" : "Create"} ${plural(preview.ready, "invitation")}`}
            </Button>
          ) : null}
          <PreviewList rows={preview.rows} />
        </section>
      ) : null}

      {created ? <CreatedLinks created={created} /> : null}
    </div>
  );
}

function PreviewList({ rows }: { rows: PreviewRow[] }) {
  const bad = rows.filter((r) => r.errors.length);
  const good = rows.filter((r) => !r.errors.length);
  const shown = [...bad, ...good.slice(0, READY_SHOWN)];
  const hidden = good.length - Math.min(good.length, READY_SHOWN);
  return (
    <>
      <ol className="divide-y divide-border rounded-lg border border-border bg-card text-sm" aria-label="Rows">
        {shown.map((r) => (
          <li key={r.row} className="grid gap-1 p-3 sm:grid-cols-[5rem_1fr_auto] sm:items-start sm:gap-3" data-row={r.row}>
            <span className="text-muted-foreground">Row {r.row}</span>
            <div className="min-w-0">
              <p className="break-all">
                {r.name ? <span className="font-medium">{r.name} </span> : null}
                <span className={r.name ? "text-muted-foreground" : "font-medium"}>{r.email || "(no e-mail)"}</span>
              </p>
              <p className="text-muted-foreground">
                {ROLE_LABEL[r.role]}
                {r.teamName ? ` · ${r.teamName}` : ""}
                {r.managerName ? ` · reports to ${r.managerName}` : ""}
              </p>
              {r.errors.length ? (
                <ul className="mt-1 list-disc ps-5 text-destructive">
                  {r.errors.map((e, i) => (
                    <li key={i}>{e}</li>
                  ))}
                </ul>
              ) : null}
            </div>
            {r.errors.length ? <Badge variant="destructive">Error</Badge> : <Badge variant="success">Ready</Badge>}
          </li>
        ))}
      </ol>
      {hidden > 0 ? <p className="text-sm text-muted-foreground">and {plural(hidden, "more ready row")}.</p> : null}
    </>
  );
}

function CreatedLinks({ created }: { created: Created }) {
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const headingId = useId();
  const csvUrl = useMemo(() => {
    if (typeof window === "undefined") return null;
    const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    const lines = ["name,email,link", ...created.invites.map((i) => [i.name ?? "", i.email, `${origin}${i.path}`].map(quote).join(","))];
    return URL.createObjectURL(new Blob([lines.join("\r\n") + "\r\n"], { type: "text/csv" }));
  }, [created, origin]);
  useEffect(() => () => (csvUrl ? URL.revokeObjectURL(csvUrl) : undefined), [csvUrl]);
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <Alert role="status">
        <AlertTitle id={headingId}>
          {plural(created.invites.length, "invitation")} created{created.emailed ? ", and their e-mails are on their way" : ""}
        </AlertTitle>
        <AlertDescription>
          <p>Each link works once{created.expiresAt ? ` for 14 days` : ""}. The links are shown only now: download them if you share them yourself.</p>
        </AlertDescription>
      </Alert>
      {csvUrl ? (
        <Button asChild variant="secondary">
          <a href={csvUrl} download="ripple-invitations.csv">
            Download the links (CSV)
          </a>
        </Button>
      ) : null}
      <ol className="divide-y divide-border rounded-lg border border-border bg-card text-sm" aria-label="Invitation links">
        {created.invites.slice(0, READY_SHOWN).map((i) => (
          <li key={i.id} className="grid gap-1 p-3 sm:grid-cols-[minmax(0,16rem)_1fr] sm:gap-3">
            <span className="break-all font-medium">{i.name ? `${i.name} · ${i.email}` : i.email}</span>
            <Input
              readOnly
              value={`${origin}${i.path}`}
              aria-label={`Invitation link for ${i.email}`}
              onFocus={(e) => e.currentTarget.select()}
              data-invite-link
            />
          </li>
        ))}
      </ol>
    </section>
  );
}
