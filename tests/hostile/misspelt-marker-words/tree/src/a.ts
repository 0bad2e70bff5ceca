// @patern backend/query-function-structure
export const a = 1;

// @Pattern backend/query-function-structure
export const b = 1;

// @pattern: backend/query-function-structure
export const c = 1;

// @patterns backend/query-function-structure
export const d = 1;

// @pattern-strat backend/mutation-function-structure
export const e = 1;
// @pattern-end backend/mutation-function-structure

// @patterns: the words this file looks for (prose: no warning)
export const f = 1;
