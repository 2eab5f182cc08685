// Nudges: the reminders Ripple sends outside the app (e-mail now; a chat DM later), each at the
// person's chosen hour, in their own time zone. Pure: no I/O, no framework.
//
// Three kinds, each with its own preference (off, or the channel it goes to); the in-app
// notifications and Home's reminders stay whatever the choice:
// - followUps: "time to add what happened next" on the follow-ups that came due, once a day at
//   the chosen hour (on the chosen days), when one came due since the last nudge;
// - reflection: the weekly reflection reminder, on the reminder day at the chosen hour (or later
//   that week, if Ripple was down), until the person reflects that week;
// - shared: a manager's "shared with you": the stories their reports shared with them since the
//   last nudge, once a day at the chosen hour (on the chosen days).
import { dayOfWeekPosition, DEFAULT_REFLECTION_DAY, isWeekday } from "./week";

export const NUDGE_KINDS = ["followUps", "reflection", "shared"] as const;
export type NudgeKind = (typeof NUDGE_KINDS)[number];

/**
 * Where a kind of nudge goes. "slack" is a value for the chat channel that another part of
 * Ripple brings (a person links their Slack account): it is offered only to a person whose chat
 * link exists, and refused otherwise (see lib/jobs/delivery.ts).
 */
export const NUDGE_CHANNELS = ["off", "email", "slack"] as const;
export type NudgeChannel = (typeof NUDGE_CHANNELS)[number];

/** Which days the daily nudges (follow-ups, shared with you) may go out on. */
export const NUDGE_DAYS = ["weekdays", "every_day"] as const;
export type NudgeDays = (typeof NUDGE_DAYS)[number];

/** The defaults of a new membership (and of the database columns): e-mail, at 09:00, Monday to Friday. */
export const DEFAULT_NUDGE_CHANNEL: NudgeChannel = "email";
export const DEFAULT_NUDGE_HOUR = 9;
export const DEFAULT_NUDGE_DAYS: NudgeDays = "weekdays";

export const NUDGE_LABELS: Record<NudgeKind, { title: string; hint: string; unsubscribe: string }> = {
  followUps: {
    title: "Follow-ups as they come due",
    hint: "“Time to add what happened next” on your stories, and questions colleagues asked you.",
    unsubscribe: "follow-ups that come due",
  },
  reflection: {
    title: "The weekly reflection",
    hint: "On your reminder day, until you reflect that week.",
    unsubscribe: "your weekly reflection reminder",
  },
  shared: {
    title: "Shared with you",
    hint: "Stories your reports shared with you since the last e-mail: your review queue.",
    unsubscribe: "stories shared with you",
  },
};

export function isNudgeKind(value: unknown): value is NudgeKind {
  return typeof value === "string" && (NUDGE_KINDS as readonly string[]).includes(value);
}

export function isNudgeChannel(value: unknown): value is NudgeChannel {
  return typeof value === "string" && (NUDGE_CHANNELS as readonly string[]).includes(value);
}

/** A stored value, read safely: anything unknown counts as the default. */
export function nudgeChannelOf(value: string | null | undefined): NudgeChannel {
  return isNudgeChannel(value) ? value : DEFAULT_NUDGE_CHANNEL;
}

export function isNudgeHour(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 23;
}

/** "09:00". */
export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}

export type LocalTime = {
  /** The local calendar date, "2026-03-29". */
  date: string;
  /** 0 = Sunday … 6 = Saturday, in the zone. */
  weekday: number;
  /** 0–23, in the zone. */
  hour: number;
};

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The date, weekday and hour that `at` is in `timeZone` (an IANA name the runtime knows). */
export function localTime(at: Date, timeZone: string): LocalTime {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      weekday: "short",
      hour: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday: WEEKDAY_INDEX[parts.weekday!]!, hour: Number(parts.hour) % 24 };
}

/** "2026-03-29" plus `days` days (calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export type Due = { due: true; period: string } | { due: false };

/**
 * A daily nudge (follow-ups, shared with you): due from the chosen local hour of a chosen day
 * until that local day ends. Its period is the local date: one nudge per kind and local day at
 * most. A day the clocks skip the chosen hour (spring forward) is due from the next hour there is.
 */
export function dailyNudgeDue(input: { at: Date; timeZone: string; hour: number; days: NudgeDays }): Due {
  const t = localTime(input.at, input.timeZone);
  if (input.days === "weekdays" && (t.weekday === 0 || t.weekday === 6)) return { due: false };
  if (t.hour < input.hour) return { due: false };
  return { due: true, period: t.date };
}

/**
 * The weekly reflection reminder: due from the chosen local hour of the reminder day until the
 * end of that local week (Sunday), so a reminder missed while Ripple was down still goes out
 * that week. Its period is the local date of that week's reminder day: one reminder a week.
 */
export function weeklyNudgeDue(input: { at: Date; timeZone: string; hour: number; reflectionDay: number }): Due {
  const day = isWeekday(input.reflectionDay) ? input.reflectionDay : DEFAULT_REFLECTION_DAY;
  const t = localTime(input.at, input.timeZone);
  const today = dayOfWeekPosition(t.weekday);
  const target = dayOfWeekPosition(day);
  if (today < target || (today === target && t.hour < input.hour)) return { due: false };
  return { due: true, period: addDays(t.date, target - today) };
}

export type NudgeItem = { text: string; href: string };

export type NudgeContent = { kind: "followUps"; items: NudgeItem[] } | { kind: "reflection"; weekLabel: string } | { kind: "shared"; items: NudgeItem[] };

/**
 * The e-mail of one nudge: subject and plain text. `baseUrl` is the public address (links are
 * absolute); `unsubscribeUrl` the person's own link for this kind, in every e-mail.
 */
export function nudgeEmail(input: { name: string; content: NudgeContent; baseUrl: string; unsubscribeUrl: string }): { subject: string; text: string } {
  const { content, baseUrl } = input;
  const list = (items: NudgeItem[]) => items.map((i) => `- ${i.text}\n  ${baseUrl}${i.href}`).join("\n");
  const footer = `\n\n--\nYou get this because of your settings on Ripple: ${baseUrl}/profile#nudges\nStop these e-mails (${NUDGE_LABELS[content.kind].unsubscribe}): ${input.unsubscribeUrl}\n`;
  switch (content.kind) {
    case "followUps":
      return {
        subject: content.items.length === 1 ? "A follow-up came due on Ripple" : `${content.items.length} follow-ups came due on Ripple`,
        text: `Hello ${input.name},\n\nTime to add what happened next:\n\n${list(content.items)}${footer}`,
      };
    case "reflection":
      return {
        subject: "Your weekly reflection on Ripple",
        text: `Hello ${input.name},\n\nIt is time for your weekly reflection (${content.weekLabel}).\n\nWhat did you learn this week? How has it affected your performance? How does it help the organisation?\n\nTwo minutes is enough: ${baseUrl}/reflect${footer}`,
      };
    case "shared":
      return {
        subject: content.items.length === 1 ? "A story was shared with you on Ripple" : `${content.items.length} stories were shared with you on Ripple`,
        text: `Hello ${input.name},\n\nShared with you since the last e-mail:\n\n${list(content.items)}\n\nYour review queue: ${baseUrl}/team${footer}`,
      };
  }
}
