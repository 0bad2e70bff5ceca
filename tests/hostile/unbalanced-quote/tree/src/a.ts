// @pattern backend/query-function-structure title="Oops
export const list = query({
  args: {},
  handler: async (ctx) => ctx.db.query("tasks").collect(),
});
