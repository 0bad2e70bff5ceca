/**
 * A helper in JavaScript.
 * @param {number} x
 */
export function helper(x) {
  return x * 2;
}

export function overloaded(a) {
  return a;
}
