import { cn } from "@/lib/utils";

export type DataColumn = { key: string; label: React.ReactNode; numeric?: boolean };

/**
 * A plain data table: the text equivalent of a chart, or a small figure table. The first
 * column heads each row.
 */
export function DataTable({
  caption,
  columns,
  rows,
  className,
}: {
  caption: string;
  columns: DataColumn[];
  rows: { key: string; cells: Record<string, React.ReactNode> }[];
  className?: string;
}) {
  return (
    <table className={cn("w-full border-collapse text-sm", className)}>
      <caption className="mb-2 text-start text-xs font-medium text-muted-foreground">{caption}</caption>
      <thead>
        <tr className="border-b border-border">
          {columns.map((c, i) => (
            <th
              key={c.key}
              scope="col"
              className={cn("px-2 py-1.5 font-medium text-muted-foreground", c.numeric ? "text-end" : "text-start", i === 0 && "ps-0")}
            >
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-b border-border/60 last:border-0">
            {columns.map((c, i) =>
              i === 0 ? (
                <th key={c.key} scope="row" className="py-1.5 pe-2 text-start font-normal">
                  {r.cells[c.key]}
                </th>
              ) : (
                <td key={c.key} className={cn("px-2 py-1.5", c.numeric && "text-end tabular-nums")}>
                  {r.cells[c.key]}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
