"use client";

import { useState } from "react";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/**
 * The fields of a new account: name, work email (fixed when an invitation names it) and a new
 * password. The password is controlled, so a refused submission does not clear it (React resets
 * uncontrolled fields); the others show again what was typed (`values`).
 */
export function AccountFields({
  errors,
  values,
  fixedEmail = null,
  autoFocusName = false,
  suggestedName = null,
}: {
  errors: Record<string, string[] | undefined>;
  values: Record<string, string>;
  /** The address an invitation is for: shown, not editable. */
  fixedEmail?: string | null;
  autoFocusName?: boolean;
  /** The name an admin gave with the invitation, to keep or correct. */
  suggestedName?: string | null;
}) {
  const [password, setPassword] = useState("");
  return (
    <>
      <Field id="name" label="Your name" error={errors.name?.[0]}>
        <Input name="name" autoComplete="name" defaultValue={values.name ?? suggestedName ?? undefined} required autoFocus={autoFocusName} />
      </Field>
      <Field id="email" label="Work email" hint={fixedEmail ? "This invitation is for this address." : undefined} error={errors.email?.[0]}>
        {fixedEmail ? (
          <Input name="email" type="email" autoComplete="email" value={fixedEmail} readOnly />
        ) : (
          <Input name="email" type="email" autoComplete="email" inputMode="email" defaultValue={values.email} required />
        )}
      </Field>
      <Field id="password" label="Password" hint="At least 10 characters." error={errors.password?.[0]}>
        <Input name="password" type="password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
    </>
  );
}
