// @pattern backend/query-function-structure colour="red"
export const list = query({
  args: {},
  handler: async (ctx) => ctx.db.query("tasks").collect(),
});
