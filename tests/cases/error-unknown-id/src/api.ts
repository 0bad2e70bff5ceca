// @pattern backend/query-function-structur
export const list = query({});

// @pattern backend/nothing-like-this-at-all
export const x = 1;
