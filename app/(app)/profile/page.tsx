import type { Metadata } from "next";
import { CaptureAnywhere } from "@/components/profile/capture-anywhere";
import { NudgePreferences } from "@/components/profile/nudge-preferences";
import { ChatLinks } from "@/components/chat/chat-links";
import { CreateTokenForm, TokenList } from "@/components/api-tokens/api-tokens";
import { PasswordForm } from "@/components/profile/password-form";
import { ProfileForm } from "@/components/profile/profile-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { listChannels } from "@/lib/db/catalogue";
import { getNudgePreferences } from "@/lib/db/nudges";
import { listMyChatLinks } from "@/lib/db/chat";
import { listMyApiTokens } from "@/lib/db/api-tokens";
import { grantableScopes } from "@/lib/domain/api-tokens";
import { getProfile } from "@/lib/db/profile";
import { timeZoneOf } from "@/lib/domain/actor";
import { listTimeZones } from "@/lib/domain/time-zone";
import { now } from "@/lib/platform/clock";
import { emailConfigured } from "@/lib/platform/mailer";

export const metadata: Metadata = { title: "Profile and settings" };

export default async function ProfilePage() {
  const actor = await requireActor();
  const [profile, channels, nudges, chatLinks, tokens] = await Promise.all([
    getProfile(actor),
    listChannels(actor),
    getNudgePreferences(actor),
    listMyChatLinks(actor),
    listMyApiTokens(actor),
  ]);
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Profile and settings</h1>
        <p className="mt-1 text-muted-foreground">
          {profile.email} · {actor.organizationName}
        </p>
      </div>
      <Card>
        <CardContent className="pt-6">
          <ProfileForm
            profile={{ ...profile, timeZone: profile.timeZone ?? timeZoneOf(actor) }}
            timeZones={listTimeZones()}
            channels={channels.map((c) => ({ key: c.key, label: c.label }))}
            emailConfigured={emailConfigured()}
            now={now().toISOString()}
          />
        </CardContent>
      </Card>
      <CaptureAnywhere />
      <Card id="nudges" className="scroll-mt-20">
        <CardHeader>
          <CardTitle as="h2" id="nudges-title">
            Reminders outside Ripple
          </CardTitle>
          <CardDescription>What reaches you by e-mail, and when. Every e-mail has a link to stop it.</CardDescription>
        </CardHeader>
        <CardContent>
          <NudgePreferences prefs={nudges} timeZone={profile.timeZone ?? timeZoneOf(actor)} emailConfigured={emailConfigured()} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Chat accounts</CardTitle>
          <CardDescription>Slack and Teams accounts that save learning moments as you.</CardDescription>
        </CardHeader>
        <CardContent>
          <ChatLinks links={chatLinks} />
        </CardContent>
      </Card>
      <Card id="api-tokens" className="scroll-mt-20">
        <CardHeader>
          <CardTitle as="h2">API tokens</CardTitle>
          <CardDescription>
            For scripts and other tools to use Ripple&apos;s API as you, seeing exactly what you see. Each token is shown once and expires.{" "}
            <a className="font-medium text-primary underline underline-offset-4" href="/developers">
              API reference
            </a>
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-6">
          <CreateTokenForm scopes={grantableScopes(actor)} kind="PERSONAL" />
          <TokenList
            tokens={tokens.map((t) => ({
              ...t,
              createdAt: t.createdAt.toISOString(),
              expiresAt: t.expiresAt.toISOString(),
              lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
            }))}
            timeZone={profile.timeZone ?? timeZoneOf(actor)}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Password</CardTitle>
          <CardDescription>
            {profile.hasPassword
              ? "Changing it signs you out on every other device and browser; this one stays signed in."
              : "You sign in with single sign-on, so Ripple keeps no password of yours."}
          </CardDescription>
        </CardHeader>
        {profile.hasPassword ? (
          <CardContent>
            <PasswordForm email={profile.email} />
          </CardContent>
        ) : null}
      </Card>
    </div>
  );
}
