import { describe, expect, it } from "vitest";
import { api, internal } from "./_generated/api";
import { makeTest } from "./test.helpers";

describe("browser log capture", () => {
  it("writes each entry to log_queue and recent_log_entries with correlation fields", async () => {
    const t = makeTest();
    const result = await t.action(api.loggingAction.processLogs, {
      level: "error",
      args: ["Upload failed", { status: 500 }],
      trace_id: "trace-1",
      system_area: "files",
      timestamp: 1_700_000_000_000,
      stack_trace: "Error: Upload failed\n    at upload (FileUploadButton.tsx:10)",
    });
    expect(result).toEqual({ success: true });
    const { queue, recent } = await t.run(async (ctx) => ({
      queue: await ctx.db.query("log_queue").collect(),
      recent: await ctx.db.query("recent_log_entries").collect(),
    }));
    expect(queue).toMatchObject([
      {
        level: "error",
        message: 'Upload failed {"status":500}',
        trace_id: "trace-1",
        user_id: "anonymous",
        system_area: "files",
        status: "pending",
      },
    ]);
    expect(recent).toHaveLength(1);
    expect(await t.query(api.loggingAction.recent, {})).toMatchObject([{ trace_id: "trace-1" }]);
  });

  it("maps unknown levels to log and prunes old entries", async () => {
    const t = makeTest();
    await t.action(api.loggingAction.processLogs, { level: "trace", args: ["old"], timestamp: 1 });
    await t.action(api.loggingAction.processLogs, { level: "info", args: ["new"], timestamp: Date.now() });
    expect(await t.mutation(internal.loggingAction.pruneLogs, {})).toEqual({ processed: 2, pruned: 2 });
    // Idempotent: a second run finds nothing left to do.
    expect(await t.mutation(internal.loggingAction.pruneLogs, {})).toEqual({ processed: 0, pruned: 0 });
    const recent = await t.run((ctx) => ctx.db.query("recent_log_entries").collect());
    expect(recent).toMatchObject([{ level: "info", message: "new" }]);
  });
});
