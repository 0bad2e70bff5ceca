export { helper } from "./helpers.js";
export { overloaded } from "./helpers.js";
