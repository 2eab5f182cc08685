"use client";

import { FileText, Paperclip } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import { removeEvidenceAction } from "@/lib/actions/evidence";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { CYCLE_INFO, type Cycle } from "@/lib/domain/framework";
import { EVIDENCE_ACCEPT, EVIDENCE_FILE_MESSAGE, fileTypeLabel, isAllowedEvidenceSize, isImageMime, type EvidenceFileItem } from "@/lib/domain/file-type";
import { formatBytes } from "@/lib/domain/format";

/** What changed, for an editor that saves with optimistic concurrency. */
export type EvidenceChange = { kind: "added" | "removed"; evidenceId: string; storyVersion: number };

export type EvidenceFilesProps = {
  storyId: string;
  cycle: Cycle;
  files: EvidenceFileItem[];
  /** The author's view: upload and remove. Others only see and open the files. */
  editable: boolean;
  /** Called after an upload or a removal succeeded (before the page data is refreshed). */
  onChange?: (change: EvidenceChange) => void;
};

const fileUrl = (id: string) => `/api/evidence/${id}`;

/** The evidence files of one cycle of a story: listed, opened, and for the author uploaded and removed. */
export function EvidenceFiles({ storyId, cycle, files, editable, onChange }: EvidenceFilesProps) {
  const router = useRouter();
  const baseId = useId();
  const inputId = `${baseId}-file`;
  const errorId = `${baseId}-error`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(false);
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [removing, startRemoving] = useTransition();
  const cycleName = CYCLE_INFO[cycle].name;

  if (!files.length && !editable) return null;

  async function upload(file: File) {
    setError(null);
    setStatus("");
    if (!isAllowedEvidenceSize(file.size)) {
      setError(EVIDENCE_FILE_MESSAGE);
      return;
    }
    const form = new FormData();
    form.set("cycle", cycle);
    form.set("file", file);
    setUploading(true);
    try {
      const response = await fetch(`/api/stories/${storyId}/evidence`, { method: "POST", body: form });
      const body = (await response.json().catch(() => null)) as { error?: string; id?: string; fileName?: string; storyVersion?: number } | null;
      if (!response.ok || !body?.id) {
        setError(
          response.status === 401
            ? "Your session has ended. Sign in again, then add the file."
            : (body?.error ?? "The file could not be uploaded. Try again in a moment."),
        );
        return;
      }
      setStatus(`Added ${body.fileName ?? file.name}.`);
      if (inputRef.current) inputRef.current.value = "";
      onChange?.({ kind: "added", evidenceId: body.id, storyVersion: body.storyVersion ?? 0 });
      router.refresh();
    } catch {
      setError("The file could not be uploaded. Check your connection and try again.");
    } finally {
      setUploading(false);
    }
  }

  function remove(file: EvidenceFileItem) {
    setError(null);
    setStatus("");
    startRemoving(async () => {
      const result = await removeEvidenceAction(null, { evidenceId: file.id });
      setConfirming(null);
      if (!result.ok) {
        setError(result.message);
        return;
      }
      setStatus(`Removed ${file.fileName}.`);
      onChange?.({ kind: "removed", evidenceId: file.id, storyVersion: result.data.storyVersion });
      router.refresh();
    });
  }

  return (
    <div className="space-y-3" data-slot="evidence-files">
      {files.length ? (
        <ul className="space-y-2" aria-label={`Files for ${cycleName}`}>
          {files.map((file) => (
            <li key={file.id} className="flex flex-wrap items-center gap-3 rounded-md border border-border bg-card p-2">
              {isImageMime(file.mimeType) ? (
                // A private file behind the session (/api/evidence): next/image's optimizer would fetch it without the cookie.
                // eslint-disable-next-line @next/next/no-img-element -- see above
                <img
                  src={fileUrl(file.id)}
                  alt={file.fileName}
                  width={48}
                  height={48}
                  loading="lazy"
                  decoding="async"
                  className="size-12 shrink-0 rounded-sm border border-border bg-muted object-cover"
                />
              ) : (
                <span
                  aria-hidden="true"
                  className="inline-flex size-12 shrink-0 items-center justify-center rounded-sm border border-border bg-muted text-muted-foreground"
                >
                  <FileText className="size-6" />
                </span>
              )}
              <div className="min-w-0 flex-1">
                <a
                  href={fileUrl(file.id)}
                  target={isImageMime(file.mimeType) ? "_blank" : undefined}
                  rel="noopener noreferrer"
                  className="block break-all font-medium text-primary underline underline-offset-4"
                >
                  {file.fileName}
                </a>
                <span className="text-sm text-muted-foreground">
                  {fileTypeLabel(file.mimeType)} · {formatBytes(file.sizeBytes)}
                </span>
              </div>
              {editable ? (
                confirming === file.id ? (
                  <div className="flex flex-wrap gap-2">
                    <Button
                      type="button"
                      size="sm"
                      variant="destructive"
                      disabled={removing}
                      onClick={() => remove(file)}
                      autoFocus
                      aria-label={`Yes, remove ${file.fileName}`}
                    >
                      {removing ? "Removing…" : "Yes, remove"}
                    </Button>
                    <Button
                      type="button"
                      size="sm"
                      variant="outline"
                      disabled={removing}
                      onClick={() => setConfirming(null)}
                      aria-label={`Keep ${file.fileName}`}
                    >
                      Keep
                    </Button>
                  </div>
                ) : (
                  <Button
                    type="button"
                    size="sm"
                    variant="ghost"
                    disabled={removing || uploading}
                    onClick={() => setConfirming(file.id)}
                    aria-label={`Remove ${file.fileName}`}
                  >
                    Remove
                  </Button>
                )
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}

      {editable ? (
        <Field
          id={inputId}
          label={
            <>
              <Paperclip aria-hidden="true" className="me-1 inline size-4" />
              Attach a file<span className="sr-only"> to {cycleName}</span>
            </>
          }
          hint="An image (PNG, JPEG, GIF, WebP) or a PDF, up to 10 MB."
        >
          <Input
            ref={inputRef}
            type="file"
            accept={EVIDENCE_ACCEPT}
            disabled={uploading}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void upload(file);
            }}
          />
        </Field>
      ) : null}

      {error ? (
        <p id={errorId} role="alert" className="text-sm font-medium text-destructive">
          {error}
        </p>
      ) : null}
      <p role="status" aria-live="polite" className="text-sm text-muted-foreground">
        {uploading ? "Uploading…" : status}
      </p>
    </div>
  );
}
