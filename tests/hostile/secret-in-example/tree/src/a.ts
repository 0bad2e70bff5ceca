// @pattern backend/query-function-structure
export const list = query({
  args: {},
  // key: "AKIA2OGYBAH6STMMNXNN"
  handler: async (ctx) => ctx.db.query("tasks").collect(),
});
