"use client";

import { useActionState } from "react";
import { updateProfileAction } from "@/lib/actions/profile";
import { FormError } from "@/components/forms/form-error";
import { useFormResult } from "@/components/forms/use-form-result";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SelectNative } from "@/components/ui/select-native";
import { formatDate } from "@/lib/domain/format";
import { timeZoneLabel } from "@/lib/domain/time-zone";
import { WEEKDAYS_MONDAY_FIRST, WEEKDAY_NAMES } from "@/lib/domain/week";

type State = Awaited<ReturnType<typeof updateProfileAction>> | null;

export type ProfileFormValues = {
  name: string;
  timeZone: string;
  notifyInApp: boolean;
  emailDigest: boolean;
  reflectionDay: number | null;
  organizationReflectionDay: number;
  defaultChannel: string | null;
};

/** A checkbox's value after a refusal: what the person left it as ("on" or absent), else the saved one. */
const ticked = (values: Record<string, string>, name: string, saved: boolean, refused: boolean) => (refused ? values[name] === "on" : saved);

function Check({ name, label, hint, defaultChecked }: { name: string; label: string; hint: string; defaultChecked: boolean }) {
  return (
    <div className="space-y-1">
      <label className="flex min-h-10 cursor-pointer items-center gap-3 text-sm font-medium">
        <input
          key={String(defaultChecked)}
          type="checkbox"
          name={name}
          defaultChecked={defaultChecked}
          aria-describedby={`${name}-hint`}
          className="size-4 shrink-0 accent-primary"
        />
        {label}
      </label>
      <p id={`${name}-hint`} className="ps-7 text-sm text-muted-foreground">
        {hint}
      </p>
    </div>
  );
}

/**
 * Name, time zone, notifications, reminder day and capture channel: one form, one save. After a
 * refusal, React resets the form to its defaults; each select and checkbox is keyed by its
 * default, so it is made again with what the person had chosen (a select's defaultValue is read
 * only when it is first made).
 */
export function ProfileForm({
  profile,
  timeZones,
  channels,
  emailConfigured,
  now,
}: {
  profile: ProfileFormValues;
  timeZones: string[];
  channels: { key: string; label: string }[];
  emailConfigured: boolean;
  /** The page's time, to show what a zone looks like ("It is 14:05 there"). */
  now: string;
}) {
  const [state, action, pending] = useActionState<State, FormData>(updateProfileAction, null);
  const { formRef, errors, values, formError, failed } = useFormResult(state);
  const refused = Boolean(failed);
  const zones = timeZones.includes(profile.timeZone) ? timeZones : [profile.timeZone, ...timeZones];
  return (
    <form ref={formRef} action={action} noValidate className="space-y-8" aria-label="Profile">
      <FormError message={formError} />
      <fieldset className="space-y-4">
        <legend className="mb-2 text-lg font-semibold">You</legend>
        <Field id="profile-name" label="Display name" hint="How colleagues see you on stories, comments and reports." error={errors.name?.[0]} required>
          <Input name="name" maxLength={100} autoComplete="name" defaultValue={values.name ?? profile.name} className="sm:max-w-md" />
        </Field>
        <Field
          id="profile-time-zone"
          label="Time zone"
          hint={`Every date and time in Ripple is shown in it. Now: ${formatDate(now, "dayTime", profile.timeZone)} in ${timeZoneLabel(profile.timeZone)}.`}
          error={errors.timeZone?.[0]}
          required
        >
          <SelectNative
            key={values.timeZone ?? profile.timeZone}
            name="timeZone"
            defaultValue={values.timeZone ?? profile.timeZone}
            wrapperClassName="sm:max-w-md"
          >
            {zones.map((z) => (
              <option key={z} value={z}>
                {timeZoneLabel(z)}
              </option>
            ))}
          </SelectNative>
        </Field>
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="mb-2 text-lg font-semibold">Notifications</legend>
        <Check
          name="notifyInApp"
          label="Show new notifications on the bell"
          hint="The count of unread comments, questions and reminders beside the bell. Your notifications stay on the Notifications page either way."
          defaultChecked={ticked(values, "notifyInApp", profile.notifyInApp, refused)}
        />
        <Check
          name="emailDigest"
          label="E-mail me a daily digest"
          hint={
            emailConfigured
              ? "At most once a day, only when something is unread."
              : "Your organisation's Ripple does not send e-mail yet; this takes effect when it does."
          }
          defaultChecked={ticked(values, "emailDigest", profile.emailDigest, refused)}
        />
        <Field
          id="profile-reflection-day"
          label="Weekly reflection reminder"
          hint="We remind you on Home from this day (by e-mail too, when e-mail is set up), until you reflect that week."
          error={errors.reflectionDay?.[0]}
        >
          <SelectNative
            key={values.reflectionDay ?? String(profile.reflectionDay)}
            name="reflectionDay"
            defaultValue={values.reflectionDay ?? (profile.reflectionDay === null ? "" : String(profile.reflectionDay))}
            wrapperClassName="sm:max-w-56"
          >
            <option value="">Organisation&apos;s day ({WEEKDAY_NAMES[profile.organizationReflectionDay]})</option>
            {WEEKDAYS_MONDAY_FIRST.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </SelectNative>
        </Field>
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="mb-2 text-lg font-semibold">Capture</legend>
        <Field
          id="profile-channel"
          label="Default channel"
          hint="Quick capture starts from this channel. Without one, it starts from the channel you used last."
          error={errors.defaultChannel?.[0]}
        >
          <SelectNative
            key={values.defaultChannel ?? profile.defaultChannel ?? ""}
            name="defaultChannel"
            defaultValue={values.defaultChannel ?? profile.defaultChannel ?? ""}
            wrapperClassName="sm:max-w-md"
          >
            <option value="">The one I used last</option>
            {channels.map((c) => (
              <option key={c.key} value={c.key}>
                {c.label}
              </option>
            ))}
          </SelectNative>
        </Field>
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save profile"}
        </Button>
        <p role="status" aria-live="polite" className="text-sm font-medium text-success">
          {state?.ok ? "Saved." : null}
        </p>
      </div>
    </form>
  );
}
