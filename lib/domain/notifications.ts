// How a notification reads and where it leads. Pure: the data layer decides whether the
// recipient may still read the story (title null when not).

export const NOTIFICATION_KINDS = {
  comment: "comment",
  followUpDue: "follow_up.due",
  reflectionReminder: "reflection.reminder",
  question: "question",
  confirmation: "confirmation",
} as const;

/** Not a notification: marks that an e-mail digest was sent, never listed or counted. */
export const DIGEST_SENT_KIND = "digest.sent";

export type NotificationFacts = {
  kind: string;
  actorName: string | null;
  storyId: string | null;
  /** The story's title, only when the recipient may still read it. */
  storyTitle: string | null;
};

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
      return `${who} asked what happened next on ${on}`;
    case NOTIFICATION_KINDS.confirmation:
      return `${who} confirmed a figure on ${on}`;
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
