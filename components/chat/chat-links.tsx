"use client";

import { ActionForm } from "@/components/admin/action-form";
import { Button } from "@/components/ui/button";
import { removeChatLinkAction } from "@/lib/actions/chat";

const CHAT_NAME = { SLACK: "Slack", TEAMS: "Microsoft Teams" } as const;

export type ChatLinkView = { id: string; provider: "SLACK" | "TEAMS"; workspaceId: string; externalName: string | null };

/** The person's linked chat accounts, each with "Remove" (their next capture from it asks to link again). */
export function ChatLinks({ links }: { links: ChatLinkView[] }) {
  if (!links.length) {
    return (
      <p className="text-sm text-muted-foreground">
        None yet. Use Ripple from Slack or Teams (for example `/ripple what happened`) and follow the link it sends you.
      </p>
    );
  }
  return (
    <ul className="space-y-2">
      {links.map((link) => {
        const label = `${CHAT_NAME[link.provider]}${link.externalName ? ` · ${link.externalName}` : ""}`;
        return (
          <li key={link.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border p-3">
            <span>
              <span className="font-medium">{label}</span> <span className="text-sm text-muted-foreground">({link.workspaceId})</span>
            </span>
            <ActionForm action={removeChatLinkAction} label={`Remove ${label}`}>
              {({ pending }) => (
                <>
                  <input type="hidden" name="linkId" value={link.id} />
                  <Button type="submit" variant="outline" size="sm" disabled={pending} aria-label={`Remove ${label}`}>
                    Remove
                  </Button>
                </>
              )}
            </ActionForm>
          </li>
        );
      })}
    </ul>
  );
}
