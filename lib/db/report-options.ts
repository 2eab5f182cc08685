import "server-only";
// What the reports page's filters offer: the teams an actor may narrow a report to.
import { viewerContext } from "./access";
import { readClient } from "./replica";
import { reportScope } from "@/lib/domain/access";
import type { Actor } from "@/lib/domain/actor";
import { teamTree } from "@/lib/domain/org";

export type ReportTeamOption = {
  id: string;
  name: string;
  /** The team's place in the organisation: "Customer Success › Support EMEA". */
  path: string;
  /** Depth among the options (for indenting). */
  depth: number;
};

export type ReportTeams = {
  /** Teams the actor may filter by: none for an employee (their report is their own stories). */
  options: ReportTeamOption[];
  /** Every team name of the organisation by id, to label the per-team figures. */
  names: Map<string, string>;
};

/**
 * L&D and admins: every team of the organisation. Managers: their own team and the teams below
 * it, and the teams of everyone reporting to them (directly or further down). Employees: none.
 */
export async function reportTeams(actor: Actor): Promise<ReportTeams> {
  const teams = await (
    await readClient(actor)
  ).team.findMany({
    where: { organizationId: actor.organizationId },
    select: { id: true, name: true, parentId: true },
  });
  const names = new Map(teams.map((t) => [t.id, t.name]));
  const parentOf = new Map(teams.map((t) => [t.id, t.parentId]));
  const scope = reportScope(actor);
  let allowed: Set<string>;
  if (scope === "organization") allowed = new Set(teams.map((t) => t.id));
  else if (scope === "subtree") {
    const ctx = await viewerContext(actor);
    const reportTeams = ctx.reportIds.length
      ? await (
          await readClient(actor)
        ).membership.findMany({
          where: { organizationId: actor.organizationId, id: { in: ctx.reportIds }, teamId: { not: null } },
          select: { teamId: true },
          distinct: ["teamId"],
        })
      : [];
    allowed = new Set([...ctx.coveredTeamIds, ...reportTeams.map((m) => m.teamId!)].filter((id) => names.has(id)));
  } else allowed = new Set();

  const path = (id: string) => {
    const parts: string[] = [];
    const seen = new Set<string>();
    for (let at: string | null | undefined = id; at && !seen.has(at); at = parentOf.get(at)) {
      seen.add(at);
      parts.unshift(names.get(at) ?? "");
    }
    return parts.join(" › ");
  };
  const options = teamTree(teams.filter((t) => allowed.has(t.id))).map((t) => ({ id: t.id, name: t.name, path: path(t.id), depth: t.depth }));
  return { options, names };
}
