import { ConvexError } from "convex/values";
import { isAppErrorData, type ErrorCode } from "../../convex/lib/errors";

const MESSAGES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: "Please sign in again.",
  FORBIDDEN: "You don't have permission to do that.",
  NOT_FOUND: "That no longer exists.",
  INVALID_ARGUMENT: "Please check your input.",
  CONFLICT: "That conflicts with something that already exists.",
  RATE_LIMITED: "Too many requests; try again in a moment.",
};

export type DisplayError = { message: string; field?: string };

// @pattern frontend/server-error-display
/**
 * Turns anything a mutation or action rejected with into a user-safe message.
 * Coded `ConvexError`s keep their server message and field; anything else is
 * an unexpected failure and gets a generic text (details go to the console).
 */
export function toDisplayError(error: unknown): DisplayError {
  if (error instanceof ConvexError && isAppErrorData(error.data)) {
    const { code, message, field } = error.data;
    return { message: message || MESSAGES[code], field };
  }
  console.error(error);
  return { message: "Something went wrong. Please try again." };
}
