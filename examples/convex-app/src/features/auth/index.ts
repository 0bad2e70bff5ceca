export { AuthGate, useCurrentUser } from "./AuthGate";
