import { query } from "./server";

// @pattern backend/query-v2
export const list = query({
  handler: async (ctx) => ctx.db.query("tasks").collect(),
});
