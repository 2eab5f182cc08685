import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AddChannelForm, AddIndicatorForm, ChannelRow, IndicatorRow, OrgDefaultsForm } from "@/components/admin/settings-forms";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/domain/access";
import { getOrgSettings } from "@/lib/db/org-settings";
import { CYCLES, CYCLE_INFO } from "@/lib/domain/framework";

export const metadata: Metadata = { title: "Settings · Administration" };

export default async function AdminSettingsPage() {
  const actor = await requireActor();
  if (!can(actor, "admin.manage")) notFound();
  const settings = await getOrgSettings(actor);
  const channels = settings.channels;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Organisation settings</h1>
        <p className="mt-1 text-muted-foreground">Defaults, the channel list and the indicator catalogue for {settings.name}.</p>
      </div>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Defaults</CardTitle>
        </CardHeader>
        <CardContent>
          <OrgDefaultsForm settings={settings} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Channels</CardTitle>
          <CardDescription>
            Where learning moments happen, in the order people see them. Retiring a channel hides it from new stories; stories that use it keep it.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <ul className="space-y-2">
            {channels.map((c, i) => (
              <ChannelRow key={c.id} channel={c} first={i === 0} last={i === channels.length - 1} />
            ))}
          </ul>
          <AddChannelForm />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Indicator catalogue</CardTitle>
          <CardDescription>
            Indicators people tag their cycle entries with. Renaming keeps every story&apos;s tags; a retired indicator is no longer offered, and stories that
            use it show it as retired.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-6">
          {CYCLES.map((cycle) => {
            const list = settings.indicators.filter((i) => i.cycle === cycle);
            return (
              <section key={cycle} aria-labelledby={`cycle-${cycle}`} className="space-y-2">
                <h3 id={`cycle-${cycle}`} className="flex items-center gap-2 font-medium">
                  <Badge variant={cycle.toLowerCase() as "immediate"}>{CYCLE_INFO[cycle].number}</Badge>
                  {CYCLE_INFO[cycle].name}
                </h3>
                {list.length ? (
                  <ul className="space-y-2">
                    {list.map((ind) => (
                      <IndicatorRow key={ind.id} indicator={ind} />
                    ))}
                  </ul>
                ) : (
                  <p className="text-sm text-muted-foreground">No indicators for this cycle yet.</p>
                )}
              </section>
            );
          })}
          <section aria-labelledby="add-indicator" className="space-y-3 border-t border-border pt-4">
            <h3 id="add-indicator" className="font-medium">
              Add an indicator
            </h3>
            <AddIndicatorForm />
          </section>
        </CardContent>
      </Card>
    </div>
  );
}
