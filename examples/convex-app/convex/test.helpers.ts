import { convexTest } from "convex-test";
import type { Id } from "./_generated/dataModel";
import schema from "./schema";
import { modules } from "./test.setup";

/** A fresh in-memory Convex backend running the real schema and functions. */
// @pattern testing/in-memory-convex-tests title="One fresh backend per test"
export function makeTest() {
  return convexTest(schema, modules);
}

export type TestConvex = ReturnType<typeof makeTest>;

// @pattern testing/test-data-factories
// @pattern testing/identity-scoped-test-clients title="Factory returning an identity-scoped client"
/**
 * Inserts a valid user and returns its id together with a client that calls
 * functions as that user. Tests override only the fields they care about.
 */
export async function createUser(
  t: TestConvex,
  overrides: { name?: string; role?: "admin" | "member"; email?: string } = {},
) {
  const name = overrides.name ?? `user${Math.random().toString(36).slice(2, 8)}`;
  const tokenIdentifier = `https://convex.test|${name}`;
  const now = Date.now();
  const userId = await t.run((ctx) =>
    ctx.db.insert("users", {
      name,
      email: overrides.email ?? `${name}@example.com`,
      tokenIdentifier,
      role: overrides.role ?? "member",
      createdAt: now,
      updatedAt: now,
    }),
  );
  return { userId, name, as: t.withIdentity({ subject: name, name, tokenIdentifier }) };
}

/** Inserts a channel owned by `ownerId`, plus memberships for `memberIds`. */
// @pattern testing/test-data-factories title="Channel factory with members"
export async function createChannel(
  t: TestConvex,
  ownerId: Id<"users">,
  options: { name?: string; isPrivate?: boolean; memberIds?: Id<"users">[] } = {},
) {
  const now = Date.now();
  return await t.run(async (ctx) => {
    const channelId = await ctx.db.insert("channels", {
      name: options.name ?? `channel-${Math.random().toString(36).slice(2, 8)}`,
      isPrivate: options.isPrivate ?? false,
      createdBy: ownerId,
      createdAt: now,
      updatedAt: now,
    });
    await ctx.db.insert("memberships", { channelId, userId: ownerId, role: "owner", createdAt: now });
    for (const userId of options.memberIds ?? []) {
      await ctx.db.insert("memberships", { channelId, userId, role: "member", createdAt: now });
    }
    return channelId;
  });
}

/** Extracts the `ConvexError` code from a rejected call, for concise assertions. */
export async function errorCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    const data = (error as { data?: { code?: string } }).data;
    return data?.code;
  }
  throw new Error("expected the call to fail");
}
