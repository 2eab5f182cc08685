"use client";

import { CycleOptions } from "@/components/stories/cycle-options";
import { useRef } from "react";
import {
  addChannelAction,
  addIndicatorAction,
  moveChannelAction,
  renameChannelAction,
  renameIndicatorAction,
  restoreChannelAction,
  restoreIndicatorAction,
  retireChannelAction,
  retireIndicatorAction,
  updateOrgSettingsAction,
} from "@/lib/actions/org-settings";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SelectNative } from "@/components/ui/select-native";
import { Textarea } from "@/components/ui/textarea";
import { CAPITAL_INFO, CAPITAL_KINDS, type Cycle } from "@/lib/domain/framework";
import { VISIBILITIES, VISIBILITY_LABEL, type Visibility } from "@/lib/domain/roles";
import { WEEKDAYS_MONDAY_FIRST } from "@/lib/domain/week";
import { ActionForm } from "./action-form";

export function OrgDefaultsForm({ settings }: { settings: { defaultVisibility: Visibility; reflectionDay: number; deactivatedStories: "KEEP" | "HIDE" } }) {
  return (
    <ActionForm action={updateOrgSettingsAction} successMessage="Settings saved." className="grid gap-4 sm:grid-cols-3">
      {({ errors, values, pending }) => (
        <>
          <Field
            id="defaultVisibility"
            label="Default story visibility"
            hint="What a new story starts as; authors can change it."
            error={errors.defaultVisibility?.[0]}
          >
            <SelectNative name="defaultVisibility" defaultValue={values.defaultVisibility ?? settings.defaultVisibility}>
              {VISIBILITIES.map((v) => (
                <option key={v} value={v}>
                  {VISIBILITY_LABEL[v]}
                </option>
              ))}
            </SelectNative>
          </Field>
          <Field id="reflectionDay" label="Weekly reflection day" hint="People can choose their own day too." error={errors.reflectionDay?.[0]}>
            <SelectNative name="reflectionDay" defaultValue={values.reflectionDay ?? String(settings.reflectionDay)}>
              {WEEKDAYS_MONDAY_FIRST.map((d) => (
                <option key={d.value} value={String(d.value)}>
                  {d.label}
                </option>
              ))}
            </SelectNative>
          </Field>
          <Field
            id="deactivatedStories"
            label="Stories of deactivated people"
            hint="Whether colleagues still see what they shared."
            error={errors.deactivatedStories?.[0]}
          >
            <SelectNative name="deactivatedStories" defaultValue={values.deactivatedStories ?? settings.deactivatedStories}>
              <option value="KEEP">Keep them visible as shared</option>
              <option value="HIDE">Hide them</option>
            </SelectNative>
          </Field>
          <div className="sm:col-span-3">
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save settings"}
            </Button>
          </div>
        </>
      )}
    </ActionForm>
  );
}

function IdButton({
  action,
  name,
  value,
  label,
  extra,
}: {
  action: Parameters<typeof ActionForm>[0]["action"];
  name: string;
  value: string;
  label: React.ReactNode;
  extra?: Record<string, string>;
}) {
  return (
    <ActionForm action={action}>
      {({ pending }) => (
        <>
          <input type="hidden" name={name} value={value} />
          {extra ? Object.entries(extra).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />) : null}
          <Button type="submit" variant="outline" size="sm" disabled={pending}>
            {label}
          </Button>
        </>
      )}
    </ActionForm>
  );
}

export type ChannelView = { id: string; key: string; label: string; retiredAt: Date | null };

export function ChannelRow({ channel, first, last }: { channel: ChannelView; first: boolean; last: boolean }) {
  const id = (n: string) => `c-${channel.id}-${n}`;
  return (
    <li className="flex flex-wrap items-end gap-2 rounded-lg border border-border bg-card p-3">
      <ActionForm action={renameChannelAction} label={`Rename channel ${channel.label}`} className="flex min-w-0 flex-1 flex-wrap items-end gap-2">
        {({ errors, values, pending }) => (
          <>
            <input type="hidden" name="channelId" value={channel.id} />
            <Field id={id("label")} label={channel.retiredAt ? `Channel (retired)` : "Channel"} error={errors.label?.[0]} className="min-w-40 flex-1">
              <Input name="label" maxLength={60} defaultValue={values.label ?? channel.label} autoComplete="off" />
            </Field>
            <Button type="submit" variant="secondary" size="sm" disabled={pending}>
              Rename<span className="sr-only"> {channel.label}</span>
            </Button>
          </>
        )}
      </ActionForm>
      <div className="flex flex-wrap gap-2">
        {first ? null : (
          <IdButton
            action={moveChannelAction}
            name="channelId"
            value={channel.id}
            extra={{ direction: "up" }}
            label={
              <>
                Up<span className="sr-only"> {channel.label}</span>
              </>
            }
          />
        )}
        {last ? null : (
          <IdButton
            action={moveChannelAction}
            name="channelId"
            value={channel.id}
            extra={{ direction: "down" }}
            label={
              <>
                Down<span className="sr-only"> {channel.label}</span>
              </>
            }
          />
        )}
        {channel.retiredAt ? (
          <IdButton
            action={restoreChannelAction}
            name="channelId"
            value={channel.id}
            label={
              <>
                Restore<span className="sr-only"> {channel.label}</span>
              </>
            }
          />
        ) : (
          <IdButton
            action={retireChannelAction}
            name="channelId"
            value={channel.id}
            label={
              <>
                Retire<span className="sr-only"> {channel.label}</span>
              </>
            }
          />
        )}
      </div>
    </li>
  );
}

export function AddChannelForm() {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <ActionForm action={addChannelAction} successMessage="Channel added." onSuccess={() => ref.current?.focus()} className="flex flex-wrap items-end gap-2">
      {({ errors, values, pending }) => (
        <>
          <Field id="new-channel" label="New channel" error={errors.label?.[0]} className="min-w-0 flex-1 sm:max-w-sm">
            <Input ref={ref} name="label" maxLength={60} defaultValue={values.label} autoComplete="off" />
          </Field>
          <Button type="submit" disabled={pending}>
            Add channel
          </Button>
        </>
      )}
    </ActionForm>
  );
}

export type IndicatorView = { id: string; key: string; label: string; cycle: Cycle; capitalKind: string | null; description: string; retiredAt: Date | null };

export function IndicatorRow({ indicator }: { indicator: IndicatorView }) {
  const id = (n: string) => `i-${indicator.id}-${n}`;
  return (
    <li className="flex flex-wrap items-end gap-2 rounded-lg border border-border bg-card p-3">
      <ActionForm action={renameIndicatorAction} label={`Rename indicator ${indicator.label}`} className="flex min-w-0 flex-1 flex-wrap items-end gap-2">
        {({ errors, values, pending }) => (
          <>
            <input type="hidden" name="indicatorId" value={indicator.id} />
            <Field
              id={id("label")}
              label={indicator.retiredAt ? "Indicator (retired)" : "Indicator"}
              hint={indicator.description || undefined}
              error={errors.label?.[0]}
              className="min-w-48 flex-1"
            >
              <Input name="label" maxLength={100} defaultValue={values.label ?? indicator.label} autoComplete="off" />
            </Field>
            <Button type="submit" variant="secondary" size="sm" disabled={pending}>
              Rename<span className="sr-only"> {indicator.label}</span>
            </Button>
          </>
        )}
      </ActionForm>
      {indicator.capitalKind ? (
        <Badge variant="outline">{CAPITAL_INFO[indicator.capitalKind as keyof typeof CAPITAL_INFO]?.name ?? indicator.capitalKind}</Badge>
      ) : null}
      {indicator.retiredAt ? (
        <IdButton
          action={restoreIndicatorAction}
          name="indicatorId"
          value={indicator.id}
          label={
            <>
              Restore<span className="sr-only"> {indicator.label}</span>
            </>
          }
        />
      ) : (
        <IdButton
          action={retireIndicatorAction}
          name="indicatorId"
          value={indicator.id}
          label={
            <>
              Retire<span className="sr-only"> {indicator.label}</span>
            </>
          }
        />
      )}
    </li>
  );
}

export function AddIndicatorForm() {
  return (
    <ActionForm action={addIndicatorAction} successMessage="Indicator added." className="grid gap-4 sm:grid-cols-3">
      {({ errors, values, pending }) => (
        <>
          <Field id="new-indicator-label" label="Indicator name" error={errors.label?.[0]}>
            <Input name="label" maxLength={100} defaultValue={values.label} autoComplete="off" />
          </Field>
          <Field id="new-indicator-cycle" label="Cycle" error={errors.cycle?.[0]}>
            <SelectNative name="cycle" defaultValue={values.cycle ?? "IMMEDIATE"}>
              <CycleOptions />
            </SelectNative>
          </Field>
          <Field id="new-indicator-capital" label="Kind of capital (optional)" error={errors.capitalKind?.[0]}>
            <SelectNative name="capitalKind" defaultValue={values.capitalKind ?? ""}>
              <option value="">None</option>
              {CAPITAL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {CAPITAL_INFO[k].name}
                </option>
              ))}
            </SelectNative>
          </Field>
          <Field id="new-indicator-description" label="Description (optional)" error={errors.description?.[0]} className="sm:col-span-3">
            <Textarea name="description" maxLength={300} rows={2} defaultValue={values.description} />
          </Field>
          <div className="sm:col-span-3">
            <Button type="submit" disabled={pending}>
              Add indicator
            </Button>
          </div>
        </>
      )}
    </ActionForm>
  );
}
