// @pattern-allow backend/database-access-from-actions
export const a = 1;
