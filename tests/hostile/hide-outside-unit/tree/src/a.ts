// @pattern-hide-start
const a = 1;
// @pattern-hide-end
