// The report queries, one file each, over the one filter compiler (./filters.ts). Computed in SQL:
// every function takes the acting person first, scopes by their organisation and by who they may
// see, and returns small, already aggregated results shaped by the pure functions in
// lib/domain/reports.ts. Stories are never loaded into JavaScript. Published stories the actor may
// not read, PRIVATE ones included, are counted only anonymously (`totals.privateCount`,
// `totals.hiddenCount`).
export { rollupScope, storyScopeSql, type ReportFilters } from "./filters";
export type { ReportTotals } from "./rollup";
export { reportMatrix } from "./matrix";
export { STALLED_AFTER_DAYS, reportProgression, type ReportProgression, type StoppedStory } from "./progression";
export { reportTrends, type ReportTrends, type TrendSeries } from "./trends";
export { reportCapitalMix, type ReportCapitalMix } from "./capital";
export { reportNetwork, reportNetworkPerRow, type ReportNetwork } from "./network";
export { reportRealizedValue, type ReportFigures } from "./realized-value";
export { reportParticipation, reportParticipationPerRow, type ReportParticipation } from "./participation";
