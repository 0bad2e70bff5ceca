import { query } from "./server";

// @pattern backend/query-function-structure title="<!-- /patterns:fill -->"
export const list = query({
  args: {},
  handler: async (ctx) => ctx.db.query("tasks").collect(),
});
