import { z } from "zod";

/** Ids are UUIDs: anything else is treated as "not found", never as a database error. */
export const idSchema = z.uuid({ message: "That link is not valid." });

export const emailSchema = z
  .string({ message: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email({ message: "Enter an email address like name@example.com." }));

export const passwordSchema = z
  .string({ message: "Enter a password." })
  .min(10, "Use at least 10 characters for your password.")
  .max(200, "Use at most 200 characters for your password.");

/** An http(s) link, or nothing. Other schemes (javascript:, data:) are refused. */
export const optionalLinkSchema = z
  .string()
  .trim()
  .max(2000, "That link is too long.")
  .optional()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(
    z
      .url({ protocol: /^https?$/, message: "Enter a link that starts with http:// or https://." })
      .optional(),
  );

/** Turns FormData into a plain object; repeated keys become arrays. Files are kept as File. */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  }
  return out;
}
