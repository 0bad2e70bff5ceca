export const doc = "// @pattern backend/no-such-pattern";
