// @pattern-hide-start
const secret = 1;
// @pattern-hide-end

// @pattern backend/query-function-structure
export const list = query({});
