import "server-only";
// Everything the story page shows, for one request: the story is looked up and authorised once
// (its handle, lib/db/access.ts), and that handle is handed to the content, the comments, the
// review controls and the readings, so none of them looks the story up again, inside a request
// or outside one. tests/integration/story-page-queries.test.ts counts what a load costs.
import { storyFor } from "./access";
import { listIndicators } from "./catalogue";
import { listComments } from "./comments";
import { openFollowUpFor, openQuestionsFor } from "./follow-ups";
import { markStorySeen } from "./notifications";
import { listAcknowledgements, listReadings, reviewAbilities } from "./review";
import { getStoryForViewer } from "./stories";
import type { Actor } from "@/lib/domain/actor";

/** The story page's data for a story the actor may read; null when they may not (or it does not exist). */
export async function storyPageData(actor: Actor, storyId: string) {
  const handle = await storyFor(actor, storyId, "read");
  if (!handle) return null;
  const story = await getStoryForViewer(actor, handle);
  if (!story) return null;
  const [indicators, followUp, comments, abilities, readings, thanks, questions] = await Promise.all([
    listIndicators(actor),
    story.isAuthor ? openFollowUpFor(actor, handle.id) : null,
    listComments(actor, handle),
    reviewAbilities(actor, handle),
    listReadings(actor, handle),
    listAcknowledgements(actor, handle),
    story.isAuthor ? openQuestionsFor(actor, handle.id) : [],
    // Seen: Home's "new" marker for this story goes (the story.shared notification is read).
    story.isAuthor ? 0 : markStorySeen(actor, handle.id),
  ]);
  return { story, indicators, followUp, comments, abilities, readings, thanks, questions };
}
