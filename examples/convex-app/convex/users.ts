import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
import { getCurrentUser } from "./lib/auth";
import { appError } from "./lib/errors";

/** The signed-in user, or `null` for anonymous callers (the UI gates on this). */
export const current = query({
  args: {},
  returns: v.union(
    v.null(),
    v.object({
      _id: v.id("users"),
      name: v.string(),
      role: v.union(v.literal("admin"), v.literal("member")),
    }),
  ),
  handler: async (ctx) => {
    const user = await getCurrentUser(ctx);
    return user === null ? null : { _id: user._id, name: user.name, role: user.role };
  },
});

// @pattern backend/session-management title="Provisioning the user on sign-in"
/**
 * Called by the client right after sign-in: creates the `users` row for the
 * auth identity, or refreshes its profile fields. Idempotent.
 */
export const ensureUser = mutation({
  args: {},
  handler: async (ctx) => {
    const identity = await ctx.auth.getUserIdentity();
    if (identity === null) {
      appError("UNAUTHENTICATED", "Sign in before creating a profile.");
    }
    const now = Date.now();
    const name = identity.name ?? identity.email ?? "Anonymous";
    const existing = await getCurrentUser(ctx);
    if (existing !== null) {
      if (existing.name !== name || existing.email !== identity.email) {
        await ctx.db.patch(existing._id, { name, email: identity.email, updatedAt: now });
      }
      return existing._id;
    }
    return await ctx.db.insert("users", {
      name,
      email: identity.email,
      tokenIdentifier: identity.tokenIdentifier,
      role: "member",
      createdAt: now,
      updatedAt: now,
    });
  },
});
