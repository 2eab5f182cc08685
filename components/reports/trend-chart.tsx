import { formatNumber } from "@/lib/domain/format";
import { countScale, labelEvery, type TrendRow } from "@/lib/domain/report-charts";
import { AXIS_TEXT } from "./chart-theme";

export type TrendSeriesDef = { key: string; label: string; color: string };
export type { TrendRow };

const value = (row: TrendRow, key: string) => (typeof row[key] === "number" ? (row[key] as number) : 0);

/**
 * Counts over time: `lines` for series that overlap (a story reaches several cycles), `stacked`
 * bars for series that add up (each story has one channel and one team). Drawn on the server
 * (SVG lines, CSS bars; no chart library in the browser), stretched to any width: the lines keep
 * their thickness (non-scaling strokes) and the labels are HTML, so they stay legible at 375 px.
 */
export function TrendChart({ rows, series, kind, height = 200 }: { rows: TrendRow[]; series: TrendSeriesDef[]; kind: "lines" | "stacked"; height?: number }) {
  const n = Math.max(1, rows.length);
  const max = Math.max(
    0,
    ...rows.map((r) => (kind === "lines" ? Math.max(0, ...series.map((s) => value(r, s.key))) : series.reduce((sum, s) => sum + value(r, s.key), 0))),
  );
  const { top, ticks } = countScale(max);
  // Three labels at most: a chart can be a third of a desktop card or a phone's width.
  const every = labelEvery(rows.length, 3);
  const y = (v: number) => 100 - (v / top) * 100;
  const x = (i: number) => ((i + 0.5) / n) * 100;
  return (
    <div data-chart={kind} className="pt-2">
      <div className="relative ms-10" style={{ height }}>
        {ticks.map((t) => (
          <div key={t} className="absolute inset-x-0 border-t border-dashed border-border" style={{ bottom: `${(t / top) * 100}%` }}>
            <span className={`absolute -start-10 w-8 -translate-y-1/2 text-end tabular-nums ${AXIS_TEXT}`}>{formatNumber(t)}</span>
          </div>
        ))}
        {kind === "lines" ? (
          <svg className="absolute inset-0 size-full overflow-visible" viewBox="0 0 100 100" preserveAspectRatio="none" focusable="false">
            {series.map((s) => {
              const points = rows.map((r, i) => `${x(i).toFixed(2)},${y(value(r, s.key)).toFixed(2)}`);
              return (
                <g key={s.key} stroke={s.color} fill="none">
                  <polyline points={points.join(" ")} strokeWidth={2} strokeLinejoin="round" vectorEffect="non-scaling-stroke" />
                  {rows.length <= 16
                    ? // A zero-length segment with round caps: a dot that stays round however the chart is stretched.
                      points.map((p, i) => <path key={i} d={`M${p}h0`} strokeWidth={6} strokeLinecap="round" vectorEffect="non-scaling-stroke" />)
                    : null}
                </g>
              );
            })}
          </svg>
        ) : (
          <div className="absolute inset-0 flex items-end gap-[2px] px-0.5">
            {rows.map((r) => {
              const total = series.reduce((sum, s) => sum + value(r, s.key), 0);
              return (
                <div key={r.label} className="relative h-full min-w-0 flex-1">
                  <div
                    className="absolute inset-x-[12%] bottom-0 flex max-w-12 flex-col-reverse overflow-hidden rounded-t-sm"
                    style={{ height: `${(total / top) * 100}%`, marginInline: "auto" }}
                    title={`${r.label}: ${series.map((s) => `${s.label} ${formatNumber(value(r, s.key))}`).join(", ")}`}
                  >
                    {series.map((s) =>
                      value(r, s.key) > 0 ? <div key={s.key} style={{ height: `${(value(r, s.key) / total) * 100}%`, background: s.color }} /> : null,
                    )}
                  </div>
                </div>
              );
            })}
          </div>
        )}
        <div className="absolute inset-x-0 bottom-0 border-t border-border" />
      </div>
      <div className="relative ms-10 h-5">
        {rows.map((r, i) =>
          i % every === 0 ? (
            <span key={r.label} className={`absolute top-1 -translate-x-1/2 whitespace-nowrap ${AXIS_TEXT}`} style={{ left: `${x(i)}%` }}>
              {r.label.replace(/^Week of /, "")}
            </span>
          ) : null,
        )}
      </div>
      <ul className="mt-2 flex flex-wrap justify-center gap-x-3 gap-y-1">
        {series.map((s) => (
          <li key={s.key} className={`flex items-center gap-1.5 ${AXIS_TEXT}`}>
            <span className="size-2 rounded-full" style={{ background: s.color }} />
            {s.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
