import { formatNumber } from "@/lib/domain/format";
import { countScale } from "@/lib/domain/report-charts";
import { AXIS_TEXT } from "./chart-theme";

export type BarDatum = { label: string; value: number; color: string };

/**
 * One bar per category, each with its own colour and its value written on it. `columns` stands
 * the bars up (few short labels); `rows` lays them down (longer labels, narrow screens).
 * Drawn on the server in HTML and CSS (no chart library in the browser): it follows the theme's
 * colours and any width, and its numbers are in the table ChartFrame puts beside it.
 */
export function SimpleBarChart({
  data,
  layout = "columns",
  height = 220,
  valueName = "Stories",
}: {
  data: BarDatum[];
  layout?: "columns" | "rows";
  height?: number;
  valueName?: string;
}) {
  const { top, ticks } = countScale(Math.max(0, ...data.map((d) => d.value)));
  const share = (v: number) => v / top;
  if (layout === "rows") {
    return (
      <div data-chart="bars" className="space-y-2 py-1">
        {data.map((d) => (
          <div
            key={d.label}
            className="grid grid-cols-[minmax(0,8rem)_1fr] items-center gap-2"
            title={`${d.label}: ${formatNumber(d.value)} ${valueName.toLowerCase()}`}
          >
            <span className={`truncate text-end ${AXIS_TEXT}`}>{d.label}</span>
            <span className="flex min-w-0 items-center gap-1.5">
              <span className="h-6 shrink-0 rounded-e-sm" style={{ width: `calc((100% - 4rem) * ${share(d.value)})`, background: d.color }} />
              <span className="text-xs tabular-nums text-foreground">{formatNumber(d.value)}</span>
            </span>
          </div>
        ))}
      </div>
    );
  }
  return (
    <div data-chart="bars" className="pt-5">
      <div className="relative ms-10" style={{ height }}>
        {ticks.map((t) => (
          <div key={t} className="absolute inset-x-0 border-t border-dashed border-border" style={{ bottom: `${share(t) * 100}%` }}>
            <span className={`absolute -start-10 w-8 -translate-y-1/2 text-end tabular-nums ${AXIS_TEXT}`}>{formatNumber(t)}</span>
          </div>
        ))}
        <div className="absolute inset-0 flex justify-around gap-1 border-b border-border px-1">
          {data.map((d) => (
            <div key={d.label} className="relative h-full max-w-14 flex-1" title={`${d.label}: ${formatNumber(d.value)} ${valueName.toLowerCase()}`}>
              <div className="absolute inset-x-0 bottom-0 rounded-t-sm" style={{ height: `${share(d.value) * 100}%`, background: d.color }} />
              <span className="absolute inset-x-0 text-center text-xs tabular-nums text-foreground" style={{ bottom: `calc(${share(d.value) * 100}% + 2px)` }}>
                {formatNumber(d.value)}
              </span>
            </div>
          ))}
        </div>
      </div>
      <div className="ms-10 flex justify-around gap-1 px-1 pt-1.5">
        {data.map((d) => (
          <span key={d.label} className={`min-w-0 flex-1 text-center leading-tight break-words ${AXIS_TEXT} max-sm:text-[0.625rem]`}>
            {d.label}
          </span>
        ))}
      </div>
    </div>
  );
}
