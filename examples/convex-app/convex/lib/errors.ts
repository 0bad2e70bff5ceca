import { ConvexError } from "convex/values";

// @pattern architecture/shared-error-codes
/**
 * Every error code a client may receive. Imported by Convex functions (to
 * throw) and by the React client (to map codes to messages).
 */
export const ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "INVALID_ARGUMENT",
  "CONFLICT",
  "RATE_LIMITED",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type AppErrorData = {
  code: ErrorCode;
  message: string;
  /** Name of the offending input field, for field-level display. */
  field?: string;
};

// @pattern backend/function-error-responses
// @pattern architecture/shared-error-codes title="One helper throws every coded error"
/**
 * Throws a `ConvexError` whose `data` is a structured, user-safe payload.
 */
export function appError(
  code: ErrorCode,
  message: string,
  field?: string,
): never {
  const data: AppErrorData = field ? { code, message, field } : { code, message };
  throw new ConvexError(data);
}

export function isAppErrorData(value: unknown): value is AppErrorData {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    (ERROR_CODES as readonly string[]).includes((value as { code: string }).code)
  );
}
