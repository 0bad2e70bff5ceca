import type { Id, TableNames } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";

export type AuditDetails = Record<string, string | number | boolean>;

// @pattern architecture/audit-trail
/**
 * Appends an audit entry inside the caller's transaction: the change and its
 * record commit together or not at all. Never pass secrets in `details`.
 */
export async function recordAudit(
  ctx: MutationCtx,
  entry: {
    actorId?: Id<"users">;
    action: string;
    targetTable: TableNames;
    targetId: string;
    details?: AuditDetails;
  },
): Promise<void> {
  await ctx.db.insert("audit_log", { ...entry, createdAt: Date.now() });
}
