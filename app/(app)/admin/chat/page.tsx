import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DisconnectChatButton, SlackSettingsForm, TeamsSettingsForm } from "@/components/chat/chat-settings-forms";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { getChatSettings } from "@/lib/db/chat";
import { can } from "@/lib/domain/access";
import { publicUrl } from "@/lib/platform/env";

export const metadata: Metadata = { title: "Chat · Administration" };

export default async function AdminChatPage() {
  const actor = await requireActor();
  if (!can(actor, "admin.manage")) notFound();
  const settings = await getChatSettings(actor);
  const base = publicUrl();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Chat</h1>
        <p className="mt-1 text-muted-foreground">
          Let people save learning moments from Slack and Microsoft Teams. The README&apos;s &ldquo;Slack and Microsoft Teams&rdquo; section has the app
          manifest and the steps.
        </p>
      </div>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Slack</CardTitle>
          <CardDescription>
            {settings.slack?.source === "environment"
              ? `Connected through the server's settings (workspace ${settings.slack.workspaceId}). Saving here replaces them for this organisation.`
              : settings.slack
                ? `Connected to workspace ${settings.slack.workspaceId}.`
                : "Not connected."}{" "}
            Request URLs: <code className="break-all">{base}/api/slack/commands</code> (slash command) and{" "}
            <code className="break-all">{base}/api/slack/interactivity</code> (interactivity).
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <SlackSettingsForm current={settings.slack} />
          {settings.slack?.source === "admin" ? <DisconnectChatButton provider="SLACK" label="Slack" /> : null}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Microsoft Teams</CardTitle>
          <CardDescription>
            {settings.teams?.source === "environment"
              ? `Connected through the server's settings (tenant ${settings.teams.workspaceId}).`
              : settings.teams
                ? `Connected to tenant ${settings.teams.workspaceId}.`
                : "Not connected."}{" "}
            Outgoing webhook callback URL: <code className="break-all">{base}/api/teams/messages</code>.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <TeamsSettingsForm current={settings.teams} />
          {settings.teams?.source === "admin" ? <DisconnectChatButton provider="TEAMS" label="Teams" /> : null}
        </CardContent>
      </Card>
    </div>
  );
}
