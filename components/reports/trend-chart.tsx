"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, GRID_STROKE, TOOLTIP_STYLE } from "./chart-theme";

export type TrendSeriesDef = { key: string; label: string; color: string };
export type TrendRow = { label: string } & Record<string, number | string>;

/**
 * Counts over time: `lines` for series that overlap (a story reaches several cycles), `stacked`
 * bars for series that add up (each story has one channel and one team).
 */
export function TrendChart({ rows, series, kind, height = 240 }: { rows: TrendRow[]; series: TrendSeriesDef[]; kind: "lines" | "stacked"; height?: number }) {
  const common = {
    responsive: true,
    style: { width: "100%", height },
    data: rows,
    margin: { top: 8, right: 8, bottom: 0, left: -16 },
    accessibilityLayer: false,
  } as const;
  const axes = (
    <>
      <CartesianGrid stroke={GRID_STROKE} strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" tick={AXIS_TICK} stroke={GRID_STROKE} minTickGap={12} />
      <YAxis allowDecimals={false} tick={AXIS_TICK} stroke={GRID_STROKE} />
      <Tooltip {...TOOLTIP_STYLE} />
      <Legend itemSorter={null} iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12, color: "var(--color-muted-foreground)" }} />
    </>
  );
  if (kind === "lines") {
    const dots = rows.length <= 16;
    return (
      <LineChart {...common}>
        {axes}
        {series.map((s) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.label}
            stroke={s.color}
            strokeWidth={2}
            dot={dots ? { r: 3, fill: s.color, strokeWidth: 0 } : false}
            activeDot={{ r: 4 }}
            type="linear"
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    );
  }
  return (
    <BarChart {...common}>
      {axes}
      {series.map((s, i) => (
        <Bar
          key={s.key}
          dataKey={s.key}
          name={s.label}
          stackId="all"
          fill={s.color}
          maxBarSize={48}
          isAnimationActive={false}
          radius={i === series.length - 1 ? [3, 3, 0, 0] : 0}
        />
      ))}
    </BarChart>
  );
}
