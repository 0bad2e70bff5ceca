export { s } from "../../outside/leak";
