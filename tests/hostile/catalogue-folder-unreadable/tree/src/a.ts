// @pattern backend/query-function-structure
export const list = query({
  args: {},
  handler: async (ctx) => ctx.db.query("tasks").collect(),
});
