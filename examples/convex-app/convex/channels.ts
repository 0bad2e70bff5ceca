import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc } from "./_generated/dataModel";
import { internalMutation, mutation, query } from "./_generated/server";
import { recordAudit } from "./lib/audit";
import { getCurrentUser, getMembership, requireChannelAccess, requireChannelOwner, requireUser } from "./lib/auth";
import { appError } from "./lib/errors";
import { CHANNEL_NAME_PATTERN, LIMITS } from "./lib/validators";

export type ChannelSummary = Pick<
  Doc<"channels">,
  "_id" | "name" | "description" | "isPrivate" | "lastMessageAt"
> & { isMember: boolean };

// @pattern backend/query-function-structure
/**
 * Channels visible to the caller, most recently active first. Returns an empty
 * list (not an error) for anonymous callers so the sidebar can render.
 */
export const list = query({
  args: {},
  handler: async (ctx): Promise<ChannelSummary[]> => {
    const user = await getCurrentUser(ctx);
    if (user === null) {
      return [];
    }
    const memberships = await ctx.db
      .query("memberships")
      .withIndex("by_user", (q) => q.eq("userId", user._id))
      .collect();
    const memberOf = new Set(memberships.map((m) => m.channelId));
    // @pattern-hide-start
    // A workspace has few channels (tens), so reading them all is cheap;
    // messages, which grow without bound, are always paginated instead.
    // @pattern-hide-end
    const channels = await ctx.db.query("channels").collect();
    return channels
      .filter((c) => !c.isPrivate || memberOf.has(c._id) || user.role === "admin")
      .map((c) => ({
        _id: c._id,
        name: c.name,
        description: c.description,
        isPrivate: c.isPrivate,
        lastMessageAt: c.lastMessageAt,
        isMember: memberOf.has(c._id),
      }))
      .sort((a, b) => (b.lastMessageAt ?? 0) - (a.lastMessageAt ?? 0) || a.name.localeCompare(b.name));
  },
});

export const get = query({
  args: { channelId: v.id("channels") },
  handler: async (ctx, { channelId }) => {
    const user = await requireUser(ctx);
    const channel = await requireChannelAccess(ctx, channelId, user);
    const membership = await getMembership(ctx, channelId, user._id);
    return { ...channel, myRole: membership?.role ?? null };
  },
});

// @pattern backend/mutation-function-structure
// @pattern backend/validation-error-handling
/**
 * Creates a channel and makes the caller its owner, in one transaction.
 * Errors: UNAUTHENTICATED, INVALID_ARGUMENT (field `name`/`description`), CONFLICT.
 */
export const create = mutation({
  args: {
    name: v.string(),
    description: v.optional(v.string()),
    isPrivate: v.boolean(),
  },
  handler: async (ctx, args) => {
    const user = await requireUser(ctx);
    const name = args.name.trim().toLowerCase();
    if (name.length < LIMITS.channelNameMin || name.length > LIMITS.channelNameMax) {
      appError(
        "INVALID_ARGUMENT",
        `Channel names must be ${LIMITS.channelNameMin}-${LIMITS.channelNameMax} characters.`,
        "name",
      );
    }
    if (!CHANNEL_NAME_PATTERN.test(name)) {
      appError("INVALID_ARGUMENT", "Use lowercase letters, digits and dashes only.", "name");
    }
    const description = args.description?.trim() || undefined;
    if (description !== undefined && description.length > LIMITS.channelDescriptionMax) {
      appError("INVALID_ARGUMENT", "The description is too long.", "description");
    }
    const clash = await ctx.db
      .query("channels")
      .withIndex("by_name", (q) => q.eq("name", name))
      .first();
    if (clash !== null) {
      appError("CONFLICT", `A channel named #${name} already exists.`, "name");
    }

    const now = Date.now();
    const channelId = await ctx.db.insert("channels", {
      name,
      description,
      isPrivate: args.isPrivate,
      createdBy: user._id,
      createdAt: now,
      updatedAt: now,
    });
    await ctx.db.insert("memberships", { channelId, userId: user._id, role: "owner", createdAt: now });
    await recordAudit(ctx, {
      actorId: user._id,
      action: "channel.create",
      targetTable: "channels",
      targetId: channelId,
      details: { name, isPrivate: args.isPrivate },
    });
    return channelId;
  },
});

export const join = mutation({
  args: { channelId: v.id("channels") },
  handler: async (ctx, { channelId }) => {
    const user = await requireUser(ctx);
    const channel = await requireChannelAccess(ctx, channelId, user);
    if (channel.isPrivate && user.role !== "admin") {
      appError("FORBIDDEN", "Private channels are joined by invitation.");
    }
    const existing = await getMembership(ctx, channelId, user._id);
    if (existing !== null) {
      return existing._id;
    }
    return await ctx.db.insert("memberships", {
      channelId,
      userId: user._id,
      role: "member",
      createdAt: Date.now(),
    });
  },
});

// @pattern backend/document-relationships title="Cascading deletes in batches"
// @pattern architecture/scheduled-follow-up-work
/**
 * Deletes a channel. The channel row, memberships and audit entry go in this
 * transaction; messages and attachments, which can be numerous, are removed
 * by a scheduled internal mutation in bounded batches.
 */
export const remove = mutation({
  args: { channelId: v.id("channels") },
  handler: async (ctx, { channelId }) => {
    const user = await requireUser(ctx);
    const channel = await requireChannelOwner(ctx, channelId, user);
    const memberships = await ctx.db
      .query("memberships")
      .withIndex("by_channel", (q) => q.eq("channelId", channelId))
      .collect();
    for (const membership of memberships) {
      // @pattern-allow backend/large-transaction-blocks reason="memberships of one channel are few; messages go in batches below"
      await ctx.db.delete(membership._id);
    }
    await ctx.db.delete(channelId);
    await recordAudit(ctx, {
      actorId: user._id,
      action: "channel.delete",
      targetTable: "channels",
      targetId: channelId,
      details: { name: channel.name },
    });
    // Runs only if this mutation commits.
    await ctx.scheduler.runAfter(0, internal.channels.deleteChannelContent, { channelId });
  },
});

const DELETE_BATCH_SIZE = 100;

// @pattern backend/batch-operations
// @pattern architecture/internal-vs-public-functions title="Internal follow-up without permission checks"
/**
 * Deletes up to {@link DELETE_BATCH_SIZE} messages and attachments of a
 * removed channel per run and reschedules itself until nothing is left, so no
 * single transaction grows too large.
 */
export const deleteChannelContent = internalMutation({
  args: { channelId: v.id("channels") },
  handler: async (ctx, { channelId }) => {
    const messages = await ctx.db
      .query("messages")
      .withIndex("by_channel", (q) => q.eq("channelId", channelId))
      .take(DELETE_BATCH_SIZE);
    const attachments = await ctx.db
      .query("attachments")
      .withIndex("by_channel", (q) => q.eq("channelId", channelId))
      .take(DELETE_BATCH_SIZE);
    for (const message of messages) {
      await ctx.db.delete(message._id);
    }
    for (const attachment of attachments) {
      await ctx.storage.delete(attachment.storageId);
      await ctx.db.delete(attachment._id);
    }
    const more = messages.length === DELETE_BATCH_SIZE || attachments.length === DELETE_BATCH_SIZE;
    if (more) {
      await ctx.scheduler.runAfter(0, internal.channels.deleteChannelContent, { channelId });
    }
    return { deletedMessages: messages.length, deletedAttachments: attachments.length, more };
  },
});
