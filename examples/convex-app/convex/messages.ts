import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { mutation, query, type MutationCtx } from "./_generated/server";
import { getMembership, requireChannelAccess, requireUser } from "./lib/auth";
import { appError } from "./lib/errors";
import { LIMITS } from "./lib/validators";

// @pattern backend/query-optimization
/**
 * One page of a channel's messages, newest first. Reads through the
 * `by_channel` index, so cost depends on the page size, not on history length.
 */
export const list = query({
  args: { channelId: v.id("channels"), paginationOpts: paginationOptsValidator },
  handler: async (ctx, { channelId, paginationOpts }) => {
    const user = await requireUser(ctx);
    await requireChannelAccess(ctx, channelId, user);
    return await ctx.db
      .query("messages")
      .withIndex("by_channel", (q) => q.eq("channelId", channelId))
      .order("desc")
      .paginate(paginationOpts);
  },
});

// @pattern backend/mutation-function-structure title="Posting a message"
/**
 * Posts a message. Only channel members may post. Mentions (`@name`) enqueue
 * push notifications that are delivered in the background.
 */
export const send = mutation({
  args: {
    channelId: v.id("channels"),
    body: v.string(),
    attachmentId: v.optional(v.id("attachments")),
  },
  handler: async (ctx, { channelId, body, attachmentId }) => {
    const user = await requireUser(ctx);
    await requireChannelAccess(ctx, channelId, user);
    if ((await getMembership(ctx, channelId, user._id)) === null) {
      appError("FORBIDDEN", "Join the channel before posting.");
    }
    const text = body.trim();
    if (text.length === 0 && attachmentId === undefined) {
      appError("INVALID_ARGUMENT", "A message cannot be empty.", "body");
    }
    if (text.length > LIMITS.messageMax) {
      appError("INVALID_ARGUMENT", `Messages are limited to ${LIMITS.messageMax} characters.`, "body");
    }
    if (attachmentId !== undefined) {
      const attachment = await ctx.db.get(attachmentId);
      if (attachment === null || attachment.channelId !== channelId) {
        appError("INVALID_ARGUMENT", "The attachment does not belong to this channel.", "attachmentId");
      }
    }

    const now = Date.now();
    const messageId = await ctx.db.insert("messages", {
      channelId,
      authorId: user._id,
      authorName: user.name,
      body: text,
      attachmentId,
      createdAt: now,
      updatedAt: now,
    });
    await ctx.db.patch(channelId, { lastMessageAt: now, updatedAt: now });
    await enqueueMentionNotifications(ctx, channelId, messageId, text, user._id);
    return messageId;
  },
});

export const edit = mutation({
  args: { messageId: v.id("messages"), body: v.string() },
  handler: async (ctx, { messageId, body }) => {
    const user = await requireUser(ctx);
    const message = await ctx.db.get(messageId);
    if (message === null) {
      appError("NOT_FOUND", "Message not found.");
    }
    if (message.authorId !== user._id) {
      appError("FORBIDDEN", "You can only edit your own messages.");
    }
    const text = body.trim();
    if (text.length === 0 || text.length > LIMITS.messageMax) {
      appError("INVALID_ARGUMENT", "Invalid message length.", "body");
    }
    const now = Date.now();
    await ctx.db.patch(messageId, { body: text, editedAt: now, updatedAt: now });
  },
});

const MENTION = /@([a-z0-9._-]+)/gi;

/** Mentioned names, lowercased and de-duplicated. */
export function parseMentions(body: string): string[] {
  return [...new Set([...body.matchAll(MENTION)].map((m) => m[1]!.toLowerCase()))];
}

// @pattern backend/batch-operations title="Fan-out inside one transaction"
/**
 * Writes one queue row per mentioned channel member (in the caller's
 * transaction) and kicks off the queue processor.
 */
async function enqueueMentionNotifications(
  ctx: MutationCtx,
  channelId: Id<"channels">,
  messageId: Id<"messages">,
  body: string,
  authorId: Id<"users">,
): Promise<void> {
  const mentioned = new Set(parseMentions(body));
  if (mentioned.size === 0) {
    return;
  }
  const members = await ctx.db
    .query("memberships")
    .withIndex("by_channel", (q) => q.eq("channelId", channelId))
    .collect();
  const now = Date.now();
  let queued = 0;
  for (const member of members) {
    if (member.userId === authorId) continue;
    const user = await ctx.db.get(member.userId);
    if (user !== null && mentioned.has(user.name.toLowerCase())) {
      await ctx.db.insert("notification_queue", {
        userId: user._id,
        messageId,
        status: "pending",
        attempts: 0,
        createdAt: now,
        updatedAt: now,
      });
      queued++;
    }
  }
  if (queued > 0) {
    await ctx.scheduler.runAfter(0, internal.notifications.processQueue, {});
  }
}
