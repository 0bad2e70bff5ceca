import { query } from "./server";

// @pattern backend/query-function-structure
export const list = query({
  handler: async (ctx) => ctx.db.query("tasks").collect(),
});
