// @pattern-allow backend/database-access-from-actions reason="legacy"
export const a = 1;
