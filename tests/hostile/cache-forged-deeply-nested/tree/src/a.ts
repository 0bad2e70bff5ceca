// @pattern backend/query-function-structure
export const list = query({ handler: async () => [] });
