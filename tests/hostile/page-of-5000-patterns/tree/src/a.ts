// @pattern backend/query-function-structure
export const a = 1;
