import { NetworkPicture } from "@/components/reports/network-picture";
import { Stat } from "@/components/reports/stat";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ReportGraph } from "@/lib/db/report-graph";
import type { ReportNetwork, ReportTotals } from "@/lib/db/reports";
import { formatNumber, plural } from "@/lib/domain/format";
import { GRAPH_STORY_LIMIT, networkPictureCaption } from "@/lib/domain/report-charts";
import { percentages } from "@/lib/domain/report-view";

/** Who helped: inside and outside, distinct people and platforms, ties across teams, close and occasional ties, and the picture. */
export function NetworkSection({ network, totals, graph }: { network: ReportNetwork; totals: ReportTotals; graph: ReportGraph }) {
  return (
    <Card role="region" aria-labelledby="network-title">
      <CardHeader>
        <CardTitle id="network-title">Network</CardTitle>
        <CardDescription>Who helped: colleagues and people outside, close and occasional ties.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6">
          <Stat label="Contributions" value={formatNumber(network.contributions)} note={`to ${plural(network.storiesWithContributors, "story", "stories")}`} />
          <Stat label="Colleagues who helped" value={formatNumber(network.distinctInternalPeople)} />
          <Stat label="People outside" value={formatNumber(network.distinctExternalNames)} />
          <Stat label="Platforms" value={formatNumber(network.distinctPlatforms)} />
          <Stat label="Across teams" value={formatNumber(network.crossTeam)} note="help from another team" />
          <Stat label="Stories with help" value={`${percentages([network.storiesWithContributors, totals.visible - network.storiesWithContributors])[0]}%`} />
        </dl>
        <div className="grid gap-4 sm:grid-cols-2">
          <Split label="Inside or outside the organisation" a={{ label: "Inside", value: network.inside }} b={{ label: "Outside", value: network.outside }} />
          <Split label="Tie strength" a={{ label: "Close ties", value: network.strong }} b={{ label: "Occasional ties", value: network.weak }} />
        </div>
        <div className="space-y-2">
          <h3 className="text-sm font-semibold">People and stories</h3>
          <p className="text-sm text-muted-foreground">
            {networkPictureCaption(
              { stories: graph.stories.length, totalStories: graph.totalStories, people: graph.people.length, links: graph.links.length },
              GRAPH_STORY_LIMIT,
            )}
          </p>
          <NetworkPicture graph={graph} />
        </div>
      </CardContent>
    </Card>
  );
}

function Split({ label, a, b }: { label: string; a: { label: string; value: number }; b: { label: string; value: number } }) {
  const [pa, pb] = percentages([a.value, b.value]);
  return (
    <div className="space-y-1.5 rounded-lg border border-border p-3">
      <p className="text-xs font-medium text-muted-foreground">{label}</p>
      <div aria-hidden="true" className="flex h-2 overflow-hidden rounded-full bg-muted">
        <span className="bg-primary" style={{ width: `${pa}%` }} />
        <span className="bg-cycle-realized" style={{ width: `${pb}%` }} />
      </div>
      <p className="flex flex-wrap justify-between gap-x-3 text-sm">
        <span>
          <span aria-hidden="true" className="me-1.5 inline-block size-2 rounded-full bg-primary" />
          {a.label} <span className="font-semibold tabular-nums">{formatNumber(a.value)}</span> <span className="text-muted-foreground">({pa}%)</span>
        </span>
        <span>
          <span aria-hidden="true" className="me-1.5 inline-block size-2 rounded-full bg-cycle-realized" />
          {b.label} <span className="font-semibold tabular-nums">{formatNumber(b.value)}</span> <span className="text-muted-foreground">({pb}%)</span>
        </span>
      </p>
    </div>
  );
}
