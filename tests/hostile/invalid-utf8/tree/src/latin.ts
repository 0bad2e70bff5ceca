// @pattern backend/query-function-structure
const café = 1;
