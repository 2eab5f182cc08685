// Background exports' pure rules: how rows are counted per format (as the files and the streamed
// download's X-Ripple-Rows count them), the percentage shown, and when the page keeps polling.
import { describe, expect, it } from "vitest";
import { expiresAt, exportPercent, exportRowsOf, exportRowsTotal, exportsInProgress, isBackgroundExportKind } from "@/lib/domain/export-files";

const batch = [{ entries: [1, 2, 3] }, { entries: [] }, { entries: [1] }];

describe("background exports", () => {
  it("count rows per format: CSV records (an entry-less story is one), xAPI statements, XLSX story and entry rows", () => {
    expect(exportRowsOf("csv", batch)).toBe(3 + 1 + 1);
    expect(exportRowsOf("xapi", batch)).toBe(4);
    expect(exportRowsOf("xlsx", batch)).toBe(3 + 4);
    const counts = { stories: 3, entries: 4, rows: 5 };
    expect(exportRowsTotal("csv", counts)).toBe(5);
    expect(exportRowsTotal("xapi", counts)).toBe(4);
    expect(exportRowsTotal("xlsx", counts)).toBe(7);
  });

  it("show a whole percentage, never 100 before the file is stored, and none before the total is known", () => {
    expect(exportPercent({ status: "queued", rowsWritten: 0, rowsTotal: null })).toBeNull();
    expect(exportPercent({ status: "running", rowsWritten: 1, rowsTotal: 3 })).toBe(33);
    expect(exportPercent({ status: "running", rowsWritten: 3, rowsTotal: 3 })).toBe(99);
    expect(exportPercent({ status: "running", rowsWritten: 0, rowsTotal: 0 })).toBe(99);
    expect(exportPercent({ status: "ready", rowsWritten: 3, rowsTotal: 3 })).toBe(100);
  });

  it("keep the page polling only while one is queued or running; files are kept 7 days", () => {
    expect(exportsInProgress([{ status: "ready" }, { status: "failed" }, { status: "expired" }])).toBe(false);
    expect(exportsInProgress([{ status: "ready" }, { status: "running" }])).toBe(true);
    expect(exportsInProgress([{ status: "queued" }])).toBe(true);
    expect(expiresAt(new Date("2025-03-28T12:00:00Z")).toISOString()).toBe("2025-04-04T12:00:00.000Z");
    expect(isBackgroundExportKind("xlsx")).toBe(true);
    expect(isBackgroundExportKind("pdf")).toBe(false);
  });
});
