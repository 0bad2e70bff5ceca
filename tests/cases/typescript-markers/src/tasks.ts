import { v } from "convex/values";
import { action, mutation, query } from "./_generated/server";

const NOT_A_MARKER = `
// @pattern backend/action-function-structure
`;

// @pattern backend/query-function-structure title="List the tasks"
// The comment below the marker belongs to the unit.
export const list = query({
  args: {},
  handler: async (ctx) => {
    // @pattern-hide-start
    await ctx.auth.getUserIdentity();
    // @pattern-hide-end
    return await ctx.db.query("tasks").collect();
  },
});

/* @pattern backend/mutation-function-structure */
export const add = mutation({
  args: { text: v.string() },
  handler: async (ctx, { text }) => {
    await ctx.db.insert("tasks", { text });
  },
});

// @pattern backend/shared-validators
// @pattern backend/mutation-function-structure title="Stacked"
export const taskFields = {
  text: v.string(),
  done: v.boolean(),
};

export const ping = action({
  args: {},
  handler: async () => {
    // @pattern-start backend/action-function-structure
    const response = await fetch("https://example.com/ping");
    return response.status;
    // @pattern-end backend/action-function-structure
  },
});
