import { Thing } from "./lib/thing.js";

export { list as listChannels } from "./channels";
export { Thing };
export * from "./lib";
export { other as fromPackage } from "some-package";
