// @pattern backend/query-function-structure
export const list = query({
  // @pattern-hide-start
  args: {},
  handler: async (ctx) => ctx.db.query("tasks").collect(),
});
