import { v } from "convex/values";
import { internal } from "./_generated/api";
import { action, internalMutation, query } from "./_generated/server";
import { logEntryFields, type LogLevel } from "./lib/validators";

const LOG_LEVELS: readonly LogLevel[] = ["debug", "log", "info", "warn", "error"];

function toLevel(level: string): LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(level) ? (level as LogLevel) : "log";
}

function stringifyArg(arg: unknown): string {
  if (typeof arg === "string") return arg;
  try {
    return JSON.stringify(arg) ?? String(arg);
  } catch {
    return String(arg);
  }
}

// @pattern backend/browser-log-capture-with-convex-actions
// @pattern backend/action-function-structure title="Actions delegate writes to mutations"
/**
 * Receives one browser console entry (sent by `src/lib/consoleOverride.ts`
 * through `ConvexHttpClient`) and stores it via an internal mutation.
 */
export const processLogs = action({
  args: {
    level: v.string(),
    args: v.array(v.any()),
    trace_id: v.optional(v.string()),
    user_id: v.optional(v.string()),
    system_area: v.optional(v.string()),
    timestamp: v.number(),
    stack_trace: v.optional(v.string()),
  },
  handler: async (ctx, args): Promise<{ success: true }> => {
    const raw_args = args.args.map(stringifyArg);
    await ctx.runMutation(internal.loggingAction.createLogEntry, {
      level: toLevel(args.level),
      message: raw_args.join(" ").slice(0, 10_000),
      trace_id: args.trace_id ?? "unknown",
      user_id: args.user_id ?? "anonymous",
      system_area: args.system_area ?? "browser",
      timestamp: args.timestamp,
      raw_args,
      stack_trace: args.stack_trace,
    });
    return { success: true };
  },
});

/** Dual write: `log_queue` for processing, `recent_log_entries` for the live UI. */
// @pattern backend/browser-log-capture-with-convex-actions title="Dual-table write"
export const createLogEntry = internalMutation({
  args: { ...logEntryFields, raw_args: v.array(v.string()) },
  handler: async (ctx, entry) => {
    const queueId = await ctx.db.insert("log_queue", { ...entry, status: "pending" });
    const { raw_args: _rawArgs, ...recent } = entry;
    await ctx.db.insert("recent_log_entries", recent);
    return queueId;
  },
});

export const recent = query({
  args: { limit: v.optional(v.number()) },
  handler: async (ctx, { limit }) => {
    return await ctx.db
      .query("recent_log_entries")
      .withIndex("by_timestamp")
      .order("desc")
      .take(Math.min(limit ?? 50, 200));
  },
});

export const RECENT_LOG_RETENTION_MS = 24 * 60 * 60 * 1000;
const PRUNE_BATCH = 200;

/**
 * Cron target: marks queued logs processed (counting errors per trace) and
 * prunes old rows, a bounded batch per run so each run stays small.
 */
export const pruneLogs = internalMutation({
  args: {},
  handler: async (ctx) => {
    const pending = await ctx.db
      .query("log_queue")
      .withIndex("by_status", (q) => q.eq("status", "pending"))
      .take(PRUNE_BATCH);
    for (const entry of pending) {
      await ctx.db.patch(entry._id, { status: "done" });
    }
    const cutoff = Date.now() - RECENT_LOG_RETENTION_MS;
    const old = await ctx.db
      .query("recent_log_entries")
      .withIndex("by_timestamp", (q) => q.lt("timestamp", cutoff))
      .take(PRUNE_BATCH);
    for (const entry of old) {
      await ctx.db.delete(entry._id);
    }
    const processedOld = await ctx.db
      .query("log_queue")
      .withIndex("by_status", (q) => q.eq("status", "done").lt("timestamp", cutoff))
      .take(PRUNE_BATCH);
    for (const entry of processedOld) {
      await ctx.db.delete(entry._id);
    }
    return { processed: pending.length, pruned: old.length + processedOld.length };
  },
});
