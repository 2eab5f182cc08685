"use client";

import { Bar, BarChart, CartesianGrid, Cell, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, GRID_STROKE, TOOLTIP_STYLE } from "./chart-theme";

export type BarDatum = { label: string; value: number; color: string };

/**
 * One bar per category, each with its own colour and its value written on it. `columns` stands
 * the bars up (few short labels); `rows` lays them down (longer labels, narrow screens).
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
  const rows = layout === "rows";
  return (
    <BarChart
      responsive
      style={{ width: "100%", height }}
      data={data}
      layout={rows ? "vertical" : "horizontal"}
      margin={{ top: 16, right: rows ? 32 : 8, bottom: 0, left: rows ? 0 : -16 }}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke={GRID_STROKE} strokeDasharray="3 3" horizontal={!rows} vertical={rows} />
      {rows ? (
        <>
          <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} stroke={GRID_STROKE} />
          <YAxis type="category" dataKey="label" width={128} tick={AXIS_TICK} stroke={GRID_STROKE} interval={0} />
        </>
      ) : (
        <>
          <XAxis dataKey="label" tick={AXIS_TICK} stroke={GRID_STROKE} interval={0} />
          <YAxis allowDecimals={false} tick={AXIS_TICK} stroke={GRID_STROKE} />
        </>
      )}
      <Tooltip {...TOOLTIP_STYLE} formatter={(v) => [v, valueName]} />
      <Bar dataKey="value" name={valueName} radius={rows ? [0, 4, 4, 0] : [4, 4, 0, 0]} isAnimationActive={false} maxBarSize={56}>
        {data.map((d) => (
          <Cell key={d.label} fill={d.color} />
        ))}
        <LabelList dataKey="value" position={rows ? "right" : "top"} fill="var(--color-foreground)" fontSize={12} />
      </Bar>
    </BarChart>
  );
}
