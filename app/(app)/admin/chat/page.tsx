import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CopyBlock } from "@/components/chat/copy-block";
import { DisconnectChatButton, SlackSettingsForm, TeamsSettingsForm } from "@/components/chat/chat-settings-forms";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { getChatSettings } from "@/lib/db/chat";
import { can } from "@/lib/domain/access";
import { slackAppManifest } from "@/lib/domain/chat";
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
          Let people save learning moments from Slack and Microsoft Teams: <code>/ripple what happened</code>, a message&apos;s &ldquo;Save as learning
          moment&rdquo;, or <code>@Ripple what happened</code> in Teams. The first time, each person links their chat account to Ripple with a one-time link.
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
          <details className="rounded-md border p-3 text-sm">
            <summary className="cursor-pointer font-medium">Create the Slack app</summary>
            <ol className="mt-2 list-decimal space-y-1 pl-5 text-muted-foreground">
              <li>
                At <span className="font-mono">api.slack.com/apps</span> choose <em>Create New App › From an app manifest</em>, pick the workspace and paste
                this manifest (it has this Ripple&apos;s addresses). Create, then <em>Install to Workspace</em>.
              </li>
              <li>
                Below: the workspace id (<span className="font-mono">T…</span>), the <em>Signing Secret</em> (Basic Information › App Credentials) and the{" "}
                <em>Bot User OAuth Token</em> (OAuth &amp; Permissions).
              </li>
            </ol>
            <div className="mt-3">
              <CopyBlock text={slackAppManifest(base)} label="Slack app manifest" />
            </div>
          </details>
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
          <details className="rounded-md border p-3 text-sm">
            <summary className="cursor-pointer font-medium">Add the outgoing webhook in Teams</summary>
            <ol className="mt-2 list-decimal space-y-1 pl-5 text-muted-foreground">
              <li>
                In Teams, open the team › <em>Manage team</em> › <em>Apps</em> › <em>Create an outgoing webhook</em> (a team owner, with custom apps allowed).
              </li>
              <li>
                Name it <span className="font-mono">Ripple</span>, give the callback URL above, and create it. Teams shows its security token once: paste it
                below with your Microsoft Entra tenant id.
              </li>
              <li>
                In a channel of that team: <span className="font-mono">@Ripple what happened</span>.
              </li>
            </ol>
          </details>
          <TeamsSettingsForm current={settings.teams} />
          {settings.teams?.source === "admin" ? <DisconnectChatButton provider="TEAMS" label="Teams" /> : null}
        </CardContent>
      </Card>
    </div>
  );
}
