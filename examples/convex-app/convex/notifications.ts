import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalAction, internalMutation, internalQuery } from "./_generated/server";
import { optionalEnv } from "./lib/env";
import { sendPush, type PushResult } from "./lib/push";

export const BATCH_SIZE = 25;
export const MAX_ATTEMPTS = 5;

// @pattern backend/queue-processing
/**
 * Claims up to {@link BATCH_SIZE} pending queue rows by flipping them to
 * `processing`, so a concurrent run cannot pick the same rows.
 */
export const claimBatch = internalMutation({
  args: { limit: v.optional(v.number()) },
  handler: async (ctx, { limit }) => {
    const batch = await ctx.db
      .query("notification_queue")
      .withIndex("by_status", (q) => q.eq("status", "pending"))
      .take(limit ?? BATCH_SIZE);
    const now = Date.now();
    for (const item of batch) {
      await ctx.db.patch(item._id, { status: "processing", attempts: item.attempts + 1, updatedAt: now });
    }
    return batch.map((item) => ({ queueId: item._id, userId: item.userId, messageId: item.messageId }));
  },
});

/** Everything needed to render a notification, read in one consistent snapshot. */
export const getDeliveryDetails = internalQuery({
  args: { userId: v.id("users"), messageId: v.id("messages") },
  handler: async (ctx, { userId, messageId }) => {
    const [user, message] = await Promise.all([ctx.db.get(userId), ctx.db.get(messageId)]);
    if (user === null || message === null) return null;
    const channel = await ctx.db.get(message.channelId);
    return {
      to: user.email ?? user.tokenIdentifier,
      title: `${message.authorName} mentioned you in #${channel?.name ?? "deleted-channel"}`,
      body: message.body.slice(0, 140),
      url: `/channels/${message.channelId}`,
    };
  },
});

/** Records outcomes: done, back to pending for a retry, or failed for good. */
// @pattern backend/queue-processing title="Recording outcomes with retries"
export const completeBatch = internalMutation({
  args: {
    results: v.array(
      v.object({ queueId: v.id("notification_queue"), ok: v.boolean(), retryable: v.boolean(), error: v.optional(v.string()) }),
    ),
  },
  handler: async (ctx, { results }) => {
    const now = Date.now();
    for (const result of results) {
      const item = await ctx.db.get(result.queueId);
      if (item === null) continue;
      if (result.ok) {
        await ctx.db.patch(item._id, { status: "done", lastError: undefined, updatedAt: now });
      } else if (result.retryable && item.attempts < MAX_ATTEMPTS) {
        await ctx.db.patch(item._id, { status: "pending", lastError: result.error, updatedAt: now });
      } else {
        await ctx.db.patch(item._id, { status: "failed", lastError: result.error, updatedAt: now });
      }
    }
  },
});

// @pattern backend/action-function-structure
// @pattern backend/external-api-integration title="Calling the provider from an action"
/**
 * Drains one batch of the notification queue: claim (mutation), call the push
 * provider (external, outside any transaction), record results (mutation).
 * Triggered by `messages.send` and, as a safety net, by a cron.
 */
export const processQueue = internalAction({
  args: {},
  handler: async (ctx): Promise<{ processed: number; skipped: boolean }> => {
    const url = optionalEnv("PUSH_API_URL");
    const apiKey = optionalEnv("PUSH_API_KEY");
    if (url === undefined || apiKey === undefined) {
      console.warn("Push provider not configured; leaving notifications queued.");
      return { processed: 0, skipped: true };
    }
    const batch = await ctx.runMutation(internal.notifications.claimBatch, {});
    const results = [];
    for (const item of batch) {
      const details = await ctx.runQuery(internal.notifications.getDeliveryDetails, {
        userId: item.userId,
        messageId: item.messageId,
      });
      const result: PushResult =
        details === null
          ? { ok: false, retryable: false, error: "recipient or message no longer exists" }
          : await sendPush(details, { url, apiKey });
      results.push({
        queueId: item.queueId,
        ok: result.ok,
        retryable: !result.ok && result.retryable,
        error: result.ok ? undefined : result.error,
      });
    }
    await ctx.runMutation(internal.notifications.completeBatch, { results });
    if (batch.length === BATCH_SIZE) {
      await ctx.scheduler.runAfter(0, internal.notifications.processQueue, {});
    }
    return { processed: batch.length, skipped: false };
  },
});

/** Rows stuck in `processing` (e.g. the action crashed) go back to `pending`. */
export const requeueStuck = internalMutation({
  args: { olderThanMs: v.number() },
  handler: async (ctx, { olderThanMs }) => {
    const cutoff = Date.now() - olderThanMs;
    const stuck = await ctx.db
      .query("notification_queue")
      .withIndex("by_status", (q) => q.eq("status", "processing"))
      .take(100);
    let requeued = 0;
    for (const item of stuck) {
      if (item.updatedAt < cutoff) {
        await ctx.db.patch(item._id, { status: "pending", updatedAt: Date.now() });
        requeued++;
      }
    }
    return requeued;
  },
});
