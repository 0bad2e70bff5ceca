import { query } from "./server";

// @pattern backend/query-function-structure
export const list = query({
  args: {},
  handler: async (ctx) => await ctx.db.query("messages").collect(),
});

export const get = query({
  args: { id: v.id("messages") },
  handler: async (ctx, { id }) => await ctx.db.get(id),
});

export const count = query({
  handler: async (ctx) => (await ctx.db.query("messages").collect()).length,
});

// @pattern-allow backend/unvalidated-inputs reason="kept for old clients until June"
export const legacy = query({ handler: async () => [] });
