import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import { createChannel, createUser, errorCode, makeTest } from "./test.helpers";

describe("channels.create", () => {
  // @pattern backend/function-testing
  // @pattern testing/in-memory-convex-tests
  it("creates the channel, makes the caller owner and writes an audit entry", async () => {
    const t = makeTest();
    const alice = await createUser(t, { name: "alice" });

    const channelId = await alice.as.mutation(api.channels.create, {
      name: "  Release-Planning ",
      isPrivate: false,
    });

    const state = await t.run(async (ctx) => ({
      channel: await ctx.db.get(channelId),
      memberships: await ctx.db.query("memberships").collect(),
      audit: await ctx.db.query("audit_log").collect(),
    }));
    expect(state.channel?.name).toBe("release-planning");
    expect(state.memberships).toMatchObject([{ userId: alice.userId, role: "owner" }]);
    expect(state.audit).toMatchObject([{ action: "channel.create", targetId: channelId }]);
  });

  // @pattern testing/error-assertion-tests
  it("rejects duplicate names with CONFLICT and leaves the database unchanged", async () => {
    const t = makeTest();
    const alice = await createUser(t, { name: "alice" });
    await alice.as.mutation(api.channels.create, { name: "general", isPrivate: false });

    await expect(
      alice.as.mutation(api.channels.create, { name: "general", isPrivate: true }),
    ).rejects.toThrow(/already exists/);
    expect(await errorCode(alice.as.mutation(api.channels.create, { name: "general", isPrivate: true }))).toBe(
      "CONFLICT",
    );
    expect(await t.run((ctx) => ctx.db.query("channels").collect())).toHaveLength(1);
  });

  // @pattern testing/table-driven-tests title="it.each over invalid inputs"
  it.each([
    { name: "x", why: "too short" },
    { name: "a".repeat(41), why: "too long" },
    { name: "hello world", why: "contains a space" },
    { name: "--", why: "only dashes" },
    { name: "café", why: "non-ASCII letter" },
  ])("rejects the name $name ($why) with INVALID_ARGUMENT", async ({ name }) => {
    const t = makeTest();
    const alice = await createUser(t);
    expect(await errorCode(alice.as.mutation(api.channels.create, { name, isPrivate: false }))).toBe(
      "INVALID_ARGUMENT",
    );
  });

  it("requires a signed-in user", async () => {
    const t = makeTest();
    expect(await errorCode(t.mutation(api.channels.create, { name: "general", isPrivate: false }))).toBe(
      "UNAUTHENTICATED",
    );
  });
});

// @pattern testing/identity-scoped-test-clients
describe("channel visibility", () => {
  it("shows private channels only to members and admins", async () => {
    const t = makeTest();
    const owner = await createUser(t, { name: "owner" });
    const outsider = await createUser(t, { name: "outsider" });
    const admin = await createUser(t, { name: "admin", role: "admin" });
    const secret = await createChannel(t, owner.userId, { name: "secret", isPrivate: true });
    await createChannel(t, owner.userId, { name: "general" });

    const names = async (who: typeof owner) =>
      (await who.as.query(api.channels.list, {})).map((c) => c.name).sort();
    expect(await names(owner)).toEqual(["general", "secret"]);
    expect(await names(outsider)).toEqual(["general"]);
    expect(await names(admin)).toEqual(["general", "secret"]);
    expect(await t.query(api.channels.list, {})).toEqual([]);
    // A private channel is indistinguishable from a missing one for outsiders.
    expect(await errorCode(outsider.as.query(api.channels.get, { channelId: secret }))).toBe("NOT_FOUND");
  });
});

describe("channels.remove", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  // @pattern testing/scheduled-function-tests
  it("lets only the owner delete, then removes messages in scheduled batches", async () => {
    const t = makeTest();
    const owner = await createUser(t, { name: "owner" });
    const member = await createUser(t, { name: "member" });
    const channelId = await createChannel(t, owner.userId, { memberIds: [member.userId] });
    await t.run(async (ctx) => {
      for (let i = 0; i < 150; i++) {
        await ctx.db.insert("messages", {
          channelId,
          authorId: member.userId,
          authorName: "member",
          body: `message ${i}`,
          createdAt: i,
          updatedAt: i,
        });
      }
    });

    expect(await errorCode(member.as.mutation(api.channels.remove, { channelId }))).toBe("FORBIDDEN");

    await owner.as.mutation(api.channels.remove, { channelId });
    expect(await t.run((ctx) => ctx.db.query("messages").collect())).toHaveLength(150);

    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await t.run((ctx) => ctx.db.query("messages").collect())).toHaveLength(0);
    expect(await t.run((ctx) => ctx.db.query("memberships").collect())).toHaveLength(0);
  });
});
