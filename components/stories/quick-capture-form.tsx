"use client";

import { CycleOptions } from "@/components/stories/cycle-options";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState } from "react";
import { quickCaptureAction } from "@/lib/actions/stories";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SelectNative } from "@/components/ui/select-native";
import { newClientId } from "@/components/forms/client-id";
import { FormError } from "@/components/forms/form-error";
import { useFormResult } from "@/components/forms/use-form-result";
import type { ActionState } from "@/lib/platform/result";
import { quickCaptureSchema } from "@/lib/validation/story";
import { z } from "zod";
import { CaptureSaved } from "./capture-saved";
import { queueCapture } from "./capture-outbox";

/** Captured offline: kept in this browser's outbox (./capture-outbox.ts) until it can be sent. */
type Queued = { queued: true; what: string };
type State = ActionState<{ id: string } | Queued>;

const FIELDS = ["what", "channel", "link", "startCycle"] as const;

/** A moment typed and not yet acknowledged by the server, with the id its submissions carry. */
type CaptureDraft = { clientId: string } & Partial<Record<(typeof FIELDS)[number], string>>;

function readDraft(key: string): CaptureDraft | null {
  try {
    const raw = window.localStorage.getItem(key);
    const draft = raw ? (JSON.parse(raw) as CaptureDraft) : null;
    return draft && typeof draft.clientId === "string" ? draft : null;
  } catch {
    return null;
  }
}

function writeDraft(key: string, draft: CaptureDraft | null) {
  try {
    if (draft) window.localStorage.setItem(key, JSON.stringify(draft));
    else window.localStorage.removeItem(key);
  } catch {
    // storage full or disabled: the form still holds the text
  }
}

const formValues = (form: FormData) => Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));

/** The action, with a lost connection answered like a refusal: the form keeps what was typed. */
async function capture(_prev: State, form: FormData): Promise<State> {
  try {
    return await quickCaptureAction(null, form);
  } catch {
    // Offline (the browser says so): checked here with the server's own schema, then kept in
    // the outbox and sent with the same clientId when the connection returns.
    if (navigator.onLine === false) {
      const values = formValues(form);
      const parsed = quickCaptureSchema.safeParse(values);
      if (!parsed.success) {
        const fieldErrors = Object.fromEntries(Object.entries(z.flattenError(parsed.error).fieldErrors).filter(([, v]) => v?.length)) as Record<
          string,
          string[]
        >;
        return { ok: false, code: "invalid", message: Object.values(fieldErrors)[0]?.[0] ?? "Check the highlighted fields.", fieldErrors, values };
      }
      if (parsed.data.clientId && (await queueCapture(values))) return { ok: true, data: { queued: true, what: parsed.data.what } };
    }
    return {
      ok: false,
      code: "error",
      message:
        "We could not reach Ripple, so we cannot tell whether your moment was saved. It is kept here: press Save moment again; it will not be saved twice.",
      values: formValues(form),
    };
  }
}

export function QuickCaptureForm({
  channels,
  preferredChannel = null,
  idPrefix,
  initial,
  onDone,
  onQueued,
}: {
  channels: { key: string; label: string }[];
  /** Chosen already: the person's default channel, else the last one they used (remembered on the server). */
  preferredChannel?: string | null;
  idPrefix: string;
  /** Filled in from elsewhere (the bookmarklet, a phone's share sheet): shown instead of a kept draft. */
  initial?: { what: string; link: string };
  /** Called with the saved moment; without it, the form itself answers (names the moment, offers to grow it). */
  onDone?: (saved: { id: string; what: string }) => void;
  /** Called when the moment was kept offline to be sent later; without it, the form says so. */
  onQueued?: (what: string) => void;
}) {
  const [state, action, pending] = useActionState<State, FormData>(capture, null);
  const router = useRouter();
  const { formRef, errors, values, formError } = useFormResult(state);
  const id = (name: string) => `${idPrefix}-${name}`;
  const channelRef = useRef<HTMLSelectElement>(null);
  const submittedChannel = useRef("");
  const submittedWhat = useRef("");
  const [saved, setSaved] = useState<{ id: string; what: string } | null>(null);
  const [queuedWhat, setQueuedWhat] = useState<string | null>(null);
  const prefilled = Boolean(initial?.what || initial?.link);
  const draftKey = `ripple:quick-capture:${idPrefix}`;
  // One id per moment: every retry of it (after a lost answer, a reload, offline) sends the same
  // one, so the server stores it once. A new id only once the server has acknowledged it.
  const [clientId, setClientId] = useState("");

  function keepDraft() {
    const form = formRef.current;
    if (!form || !clientId) return;
    const data = new FormData(form);
    const draft: CaptureDraft = { clientId };
    for (const name of FIELDS) {
      const value = data.get(name);
      if (typeof value === "string") draft[name] = value;
    }
    writeDraft(draftKey, draft.what || draft.link ? draft : null);
  }

  // The person's channel is chosen already (in every browser: the server remembers it), so a
  // repeat capture is: C, type, Enter.
  useEffect(() => {
    const select = channelRef.current;
    if (preferredChannel && select && !values.channel && !select.value && channels.some((c) => c.key === preferredChannel)) select.value = preferredChannel;
  }, [channels, values.channel, preferredChannel]);

  // On arrival: a moment typed here and never acknowledged comes back, with its id.
  useEffect(() => {
    // A prefill (what the person chose to capture just now) wins over an older kept draft.
    const draft = prefilled ? null : readDraft(draftKey);
    const form = formRef.current;
    if (draft && form) {
      for (const name of FIELDS) {
        const field = form.elements.namedItem(name);
        if ((field instanceof HTMLInputElement || field instanceof HTMLSelectElement) && typeof draft[name] === "string") field.value = draft[name];
      }
    }
    // This browser's draft can only be read once hydrated (the server renders no id), so here.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- reads browser storage after hydration
    setClientId(draft?.clientId ?? newClientId());
  }, [draftKey, formRef, prefilled]);

  // Acknowledged: the next moment gets a new id (state adjusted while rendering, as React advises).
  const [seen, setSeen] = useState(state);
  if (state !== seen) {
    setSeen(state);
    if (state?.ok) setClientId(newClientId());
    // Kept offline: the form says so itself, unless its page does.
    if (state?.ok && "queued" in state.data && !onQueued) setQueuedWhat(state.data.what);
  }
  useEffect(() => {
    if (state?.ok) {
      writeDraft(draftKey, null);
      // React has reset the form by now; put the channel back for the next capture.
      const channel = submittedChannel.current;
      formRef.current?.reset();
      if (channel && channelRef.current) channelRef.current.value = channel;
      if ("queued" in state.data) {
        onQueued?.(state.data.what);
        return;
      }
      const moment = { id: state.data.id, what: submittedWhat.current };
      if (onDone) onDone(moment);
      else setSaved(moment);
      // The action answers with the moment alone (it revalidates nothing, so its answer is not a
      // re-render of this page): the page behind the form, which may list the person's stories,
      // is fetched again after the acknowledgement, without holding it up.
      router.refresh();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state, onDone, onQueued, router]);

  return (
    <form
      ref={formRef}
      action={action}
      onSubmit={(e) => {
        submittedChannel.current = channelRef.current?.value ?? "";
        const what = new FormData(e.currentTarget).get("what");
        submittedWhat.current = typeof what === "string" ? what.trim() : "";
        setSaved(null);
        setQueuedWhat(null);
      }}
      onChange={keepDraft}
      noValidate
      className="space-y-4"
    >
      <input type="hidden" name="clientId" value={clientId} />
      <FormError message={formError} />
      <Field id={id("what")} label="What happened?" error={errors.what?.[0]} required>
        <Input
          name="what"
          maxLength={200}
          placeholder="Asked my network about GDPR templates; had an answer in 4 minutes"
          defaultValue={values.what ?? initial?.what}
          autoComplete="off"
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={id("channel")} label="Where? (optional)" error={errors.channel?.[0]}>
          <SelectNative
            ref={channelRef}
            name="channel"
            defaultValue={values.channel ?? (preferredChannel && channels.some((c) => c.key === preferredChannel) ? preferredChannel : "")}
          >
            <option value="">Not said yet</option>
            {channels.map((c) => (
              <option key={c.key} value={c.key}>
                {c.label}
              </option>
            ))}
          </SelectNative>
        </Field>
        <Field id={id("link")} label="Link (optional)" error={errors.link?.[0]}>
          <Input name="link" type="url" inputMode="url" placeholder="https://" defaultValue={values.link ?? initial?.link} autoComplete="off" />
        </Field>
      </div>
      <details className="group rounded-md text-sm" open={Boolean(values.startCycle && values.startCycle !== "IMMEDIATE")}>
        <summary className="cursor-pointer rounded-md py-1 text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring">
          It started in another cycle
        </summary>
        <div className="pt-3">
          <Field id={id("startCycle")} label="Which value did you notice first?" error={errors.startCycle?.[0]}>
            <SelectNative name="startCycle" defaultValue={values.startCycle ?? "IMMEDIATE"}>
              <CycleOptions numbered />
            </SelectNative>
          </Field>
        </div>
      </details>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save moment"}
        </Button>
        <p role="status" aria-live="polite" className="text-sm">
          {saved ? <CaptureSaved key={saved.id} id={saved.id} what={saved.what} /> : null}
          {queuedWhat ? (
            <span>
              You are offline: “<span className="font-medium">{queuedWhat}</span>” is kept on this device and sent when you are back online.
            </span>
          ) : null}
        </p>
      </div>
    </form>
  );
}
