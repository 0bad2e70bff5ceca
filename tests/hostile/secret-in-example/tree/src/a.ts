// @pattern backend/query-function-structure
export const list = query({
  args: {},
  // key: "AKIAIOSFODNN7EXAMPLE"
  handler: async (ctx) => ctx.db.query("tasks").collect(),
});
