import { z } from "zod";
import { BULK_INVITE_MAX_BYTES, byteLength, roleFromText, tooLargeMessage, type ParsedInviteRow, type RawInviteRow } from "@/lib/domain/bulk-invite";
import { ROLE_LABEL, ROLES } from "@/lib/domain/roles";
import { emailSchema, text } from "./common";

// Inviting many people at once. The form sends the text as typed or read from the CSV file;
// each row's fields are then checked here with the same rules as a single invitation and the
// accept page (an e-mail address like the sign-in's, a name as long as an account's).

export const bulkInviteSchema = z.object({
  text: text("The list", { message: "Paste at least one e-mail address, or choose a CSV file." }).refine((v) => byteLength(v) <= BULK_INVITE_MAX_BYTES, {
    message: tooLargeMessage,
    abort: true,
  }),
});
export type BulkInviteInput = z.infer<typeof bulkInviteSchema>;

/** Invite.name is VARCHAR(100), like an account's name on the accept page. */
const rowName = text("The name").trim().max(100, "Use at most 100 characters for the name.");
const rowEmail = emailSchema.pipe(z.string().min(1));

const firstMessage = (error: z.ZodError) => error.issues[0]?.message ?? "This value is not valid.";

/** Each row's fields checked: a field that does not pass is null, with a message saying why. */
export function parseInviteRows(rows: readonly RawInviteRow[]): ParsedInviteRow[] {
  return rows.map((r) => {
    const errors: string[] = [];
    const name = rowName.safeParse(r.name);
    if (!name.success) errors.push(firstMessage(name.error));
    let email: string | null = null;
    if (!r.email.trim()) errors.push("The e-mail address is missing.");
    else {
      const parsed = rowEmail.safeParse(r.email);
      if (parsed.success) email = parsed.data;
      else errors.push(`"${r.email.slice(0, 80)}" is not an e-mail address like name@example.com.`);
    }
    const role = roleFromText(r.role);
    if (!role) errors.push(`"${r.role.slice(0, 40)}" is not a role. Use ${ROLES.map((x) => ROLE_LABEL[x]).join(", ")}.`);
    return {
      row: r.row,
      name: name.success && name.data ? name.data : null,
      email,
      rawEmail: r.email.slice(0, 254),
      role,
      team: r.team.slice(0, 200),
      manager: r.manager.slice(0, 300),
      errors,
    };
  });
}
