import { z } from "zod";
import { CAPITAL_KINDS, CYCLES } from "@/lib/domain/framework";
import { ROLES, VISIBILITIES } from "@/lib/domain/roles";
import { isIsoDate } from "@/lib/domain/story-filters";
import { emailSchema, idSchema, passwordSchema, text } from "./common";
import { choiceParam, lenient, optionalUrlText } from "./search-params";

/** A select where "" means "none". */
const optionalId = (message: string) =>
  z
    .union([z.literal(""), z.null(), z.uuid({ message })])
    .optional()
    .transform((v) => (v === "" ? null : v));

const roleSchema = z.enum(ROLES, { message: "Choose a role." });

export const memberUpdateSchema = z.object({
  membershipId: idSchema,
  role: roleSchema.optional(),
  teamId: optionalId("Choose a team from the list."),
  managerId: optionalId("Choose a manager from the list."),
});
export type MemberUpdateInput = z.infer<typeof memberUpdateSchema>;

export const membershipIdSchema = z.object({ membershipId: idSchema });

const teamName = text("The team's name", { message: "Enter the team's name." })
  .trim()
  .min(1, "Enter the team's name.")
  .max(80, "Use at most 80 characters for the team's name.");

export const teamCreateSchema = z.object({ name: teamName, parentId: optionalId("Choose a parent team from the list.") });
export const teamRenameSchema = z.object({ teamId: idSchema, name: teamName });
export const teamMoveSchema = z.object({ teamId: idSchema, parentId: optionalId("Choose a parent team from the list.") });
export const teamIdSchema = z.object({ teamId: idSchema });

export const inviteCreateSchema = z.object({
  email: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(emailSchema.optional()),
  role: roleSchema.default("EMPLOYEE"),
  teamId: optionalId("Choose a team from the list."),
  managerId: optionalId("Choose a manager from the list."),
});
export type InviteCreateInput = z.infer<typeof inviteCreateSchema>;

export const inviteIdSchema = z.object({ inviteId: idSchema });

export const acceptInviteSchema = z.object({
  token: z.string().min(10, "That invitation link is not valid.").max(200, "That invitation link is not valid."),
  name: text("Your name", { message: "Enter your name." }).trim().min(1, "Enter your name.").max(100, "Use at most 100 characters for your name."),
  email: emailSchema,
  password: passwordSchema,
});
export type AcceptInviteInput = z.infer<typeof acceptInviteSchema>;

export const orgSettingsSchema = z.object({
  defaultVisibility: z.enum(VISIBILITIES, { message: "Choose a default visibility." }),
  reflectionDay: z.coerce
    .number({ message: "Choose a reflection day." })
    .int("Choose a reflection day.")
    .min(0, "Choose a reflection day.")
    .max(6, "Choose a reflection day."),
  deactivatedStories: z.enum(["KEEP", "HIDE"], { message: "Choose what happens to a deactivated person's stories." }),
});
export type OrgSettingsInput = z.infer<typeof orgSettingsSchema>;

const channelLabel = text("The channel's name", { message: "Enter the channel's name." })
  .trim()
  .min(1, "Enter the channel's name.")
  .max(60, "Use at most 60 characters for the channel's name.");

export const channelAddSchema = z.object({ label: channelLabel });
export const channelRenameSchema = z.object({ channelId: idSchema, label: channelLabel });
export const channelIdSchema = z.object({ channelId: idSchema });
export const channelMoveSchema = z.object({ channelId: idSchema, direction: z.enum(["up", "down"], { message: "Choose up or down." }) });

const indicatorLabel = text("The indicator's name", { message: "Enter the indicator's name." })
  .trim()
  .min(1, "Enter the indicator's name.")
  .max(100, "Use at most 100 characters for the indicator's name.");

export const indicatorAddSchema = z.object({
  label: indicatorLabel,
  cycle: z.enum(CYCLES, { message: "Choose the cycle this indicator belongs to." }),
  capitalKind: z
    .union([z.literal(""), z.enum(CAPITAL_KINDS, { message: "Choose a kind of capital, or none." })])
    .optional()
    .transform((v) => (v ? v : null)),
  description: text("The description").trim().max(300, "Use at most 300 characters for the description.").default(""),
});
export type IndicatorAddInput = z.infer<typeof indicatorAddSchema>;
export const indicatorRenameSchema = z.object({ indicatorId: idSchema, label: indicatorLabel });
export const indicatorIdSchema = z.object({ indicatorId: idSchema });

export const AUDIT_CATEGORIES = ["sign-in", "members", "visibility", "exports", "erasures", "settings", "invites"] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

/** A calendar day in the address (1900-01-01 to 9999-12-31, like every date filter). */
const dateParam = lenient(z.string().refine(isIsoDate));

/** The audit log's filters in the address (read with parseSearchParams): unknown values are ignored, never an error page. */
export const auditFilterSchema = z.object({
  category: lenient(z.enum(AUDIT_CATEGORIES)),
  from: dateParam,
  to: dateParam,
  cursor: lenient(z.uuid()),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const PEOPLE_STATUSES = ["active", "deactivated"] as const;
/** People per page of the People list. */
export const PEOPLE_PAGE_SIZE = 25;

/** The People list's search, filters and page in the address (read with parseSearchParams). */
export const peopleFilterSchema = z.object({
  q: lenient(optionalUrlText(100)),
  role: lenient(choiceParam(ROLES, "upper")),
  team: lenient(z.union([z.literal("none"), z.uuid()])),
  status: lenient(choiceParam(PEOPLE_STATUSES, "lower")),
  page: lenient(z.coerce.number().int().min(1).max(100_000)),
});
export type PeopleFilter = z.infer<typeof peopleFilterSchema>;
