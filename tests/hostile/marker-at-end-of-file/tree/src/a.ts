export const a = 1;
// @pattern backend/query-function-structure
