import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "./errors";

type Ctx = QueryCtx | MutationCtx;

// @pattern backend/session-management
/**
 * Resolves the signed-in user from the auth identity, or `null` when the
 * caller is anonymous or has not been provisioned yet.
 */
export async function getCurrentUser(ctx: Ctx): Promise<Doc<"users"> | null> {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) {
    return null;
  }
  return await ctx.db
    .query("users")
    .withIndex("by_token", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))
    .unique();
}

/** Like {@link getCurrentUser} but throws `UNAUTHENTICATED` instead of returning null. */
// @pattern backend/session-management title="Requiring a session"
export async function requireUser(ctx: Ctx): Promise<Doc<"users">> {
  const user = await getCurrentUser(ctx);
  if (user === null) {
    appError("UNAUTHENTICATED", "You must be signed in to do that.");
  }
  return user;
}

// @pattern backend/permission-checks
/**
 * Permission requirements:
 * - public channels: readable by every signed-in user;
 * - private channels: readable by members and workspace admins only.
 */
export async function requireChannelAccess(
  ctx: Ctx,
  channelId: Id<"channels">,
  user: Doc<"users">,
): Promise<Doc<"channels">> {
  const channel = await ctx.db.get(channelId);
  if (channel === null) {
    appError("NOT_FOUND", "Channel not found.");
  }
  if (channel.isPrivate && user.role !== "admin") {
    const membership = await getMembership(ctx, channelId, user._id);
    if (membership === null) {
      // Do not reveal that a private channel exists.
      appError("NOT_FOUND", "Channel not found.");
    }
  }
  return channel;
}

/** Only channel owners (or workspace admins) may manage a channel. */
// @pattern backend/permission-checks title="Owner-only operations"
export async function requireChannelOwner(
  ctx: Ctx,
  channelId: Id<"channels">,
  user: Doc<"users">,
): Promise<Doc<"channels">> {
  const channel = await requireChannelAccess(ctx, channelId, user);
  if (user.role === "admin") {
    return channel;
  }
  const membership = await getMembership(ctx, channelId, user._id);
  if (membership?.role !== "owner") {
    appError("FORBIDDEN", "Only the channel owner can do that.");
  }
  return channel;
}

export async function getMembership(
  ctx: Ctx,
  channelId: Id<"channels">,
  userId: Id<"users">,
): Promise<Doc<"memberships"> | null> {
  return await ctx.db
    .query("memberships")
    .withIndex("by_channel_and_user", (q) =>
      q.eq("channelId", channelId).eq("userId", userId),
    )
    .unique();
}
