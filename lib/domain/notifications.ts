// How a notification reads and where it leads. Pure: the data layer decides whether the
// recipient may still read the story (title null when not).

export const NOTIFICATION_KINDS = {
  comment: "comment",
  followUpDue: "follow_up.due",
  reflectionReminder: "reflection.reminder",
  question: "question",
  confirmation: "confirmation",
  /** A report shared a story with their manager. */
  storyShared: "story.shared",
  /** The story was picked for leadership. */
  highlighted: "story.highlighted",
  /** Someone thanked the author for the story. */
  acknowledgement: "acknowledgement",
} as const;

/** Not a notification: marks that an e-mail digest was sent, never listed or counted. */
export const DIGEST_SENT_KIND = "digest.sent";

export type NotificationFacts = {
  kind: string;
  actorName: string | null;
  storyId: string | null;
  /** The story's title, only when the recipient may still read it. */
  storyTitle: string | null;
  /** What a "what happened next?" question asked (empty: nothing more than the question). */
  note?: string | null;
};

/** A quoted note, cut to a notification's length. */
function quoted(note: string | null | undefined): string {
  const text = (note ?? "").replace(/\s+/g, " ").trim();
  if (!text) return "";
  return `: “${text.length > 140 ? `${text.slice(0, 139)}…` : text}”`;
}

export function notificationText(n: NotificationFacts): string {
  const who = n.actorName ?? "Someone";
  const on = n.storyTitle !== null ? `“${n.storyTitle}”` : "a story that is no longer shared with you";
  switch (n.kind) {
    case NOTIFICATION_KINDS.comment:
      return `${who} commented on ${on}`;
    case NOTIFICATION_KINDS.followUpDue:
      return `Time to add what happened next on ${on}`;
    case NOTIFICATION_KINDS.reflectionReminder:
      return "Time for your weekly reflection";
    case NOTIFICATION_KINDS.question:
      return `${who} asked what happened next on ${on}${n.storyTitle !== null ? quoted(n.note) : ""}`;
    case NOTIFICATION_KINDS.confirmation:
      return `${who} confirmed a figure on ${on}`;
    case NOTIFICATION_KINDS.storyShared:
      return `${who} shared ${on} with you`;
    case NOTIFICATION_KINDS.highlighted:
      return `${who} picked ${on} for leadership`;
    case NOTIFICATION_KINDS.acknowledgement:
      return `${who} thanked you for ${on}`;
    default:
      return n.storyId ? `Something new on ${on}` : "Something new for you";
  }
}

/** Where following the notification leads, or null (a story no longer shared has no link). */
export function notificationHref(n: NotificationFacts): string | null {
  if (n.kind === NOTIFICATION_KINDS.reflectionReminder) return "/reflect";
  if (!n.storyId || n.storyTitle === null) return null;
  return n.kind === NOTIFICATION_KINDS.comment ? `/stories/${n.storyId}#comments` : `/stories/${n.storyId}`;
}
