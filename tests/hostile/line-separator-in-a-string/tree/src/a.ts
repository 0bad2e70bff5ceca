const s = "a b";
// @pattern backend/query-function-structure
export function list() {
  // @pattern-hide-start
  const token = "hidden";
  // @pattern-hide-end
  return [];
}
