export const list = query({});

// @pattern backend/query-function-structure
