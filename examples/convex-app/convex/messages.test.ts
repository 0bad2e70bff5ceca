import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import { parseMentions } from "./messages";
import { createChannel, createUser, errorCode, makeTest } from "./test.helpers";

describe("messages", () => {
  it("paginates newest first and denormalises the author name", async () => {
    const t = makeTest();
    const alice = await createUser(t, { name: "alice" });
    const channelId = await createChannel(t, alice.userId);
    for (const body of ["one", "two", "three"]) {
      await alice.as.mutation(api.messages.send, { channelId, body });
    }
    const first = await alice.as.query(api.messages.list, {
      channelId,
      paginationOpts: { numItems: 2, cursor: null },
    });
    expect(first.page.map((m) => m.body)).toEqual(["three", "two"]);
    expect(first.page[0]?.authorName).toBe("alice");
    const second = await alice.as.query(api.messages.list, {
      channelId,
      paginationOpts: { numItems: 2, cursor: first.continueCursor },
    });
    expect(second.page.map((m) => m.body)).toEqual(["one"]);
    expect(second.isDone).toBe(true);
  });

  it("rejects posts from non-members and empty or oversized bodies", async () => {
    const t = makeTest();
    const alice = await createUser(t, { name: "alice" });
    const bob = await createUser(t, { name: "bob" });
    const channelId = await createChannel(t, alice.userId);
    expect(await errorCode(bob.as.mutation(api.messages.send, { channelId, body: "hi" }))).toBe("FORBIDDEN");
    expect(await errorCode(alice.as.mutation(api.messages.send, { channelId, body: "   " }))).toBe(
      "INVALID_ARGUMENT",
    );
    expect(
      await errorCode(alice.as.mutation(api.messages.send, { channelId, body: "x".repeat(4001) })),
    ).toBe("INVALID_ARGUMENT");
  });

  it("only lets authors edit their own messages", async () => {
    const t = makeTest();
    const alice = await createUser(t, { name: "alice" });
    const bob = await createUser(t, { name: "bob" });
    const channelId = await createChannel(t, alice.userId, { memberIds: [bob.userId] });
    const messageId = await alice.as.mutation(api.messages.send, { channelId, body: "draft" });
    expect(await errorCode(bob.as.mutation(api.messages.edit, { messageId, body: "hacked" }))).toBe("FORBIDDEN");
    await alice.as.mutation(api.messages.edit, { messageId, body: "final" });
    const message = await t.run((ctx) => ctx.db.get(messageId));
    expect(message).toMatchObject({ body: "final" });
    expect(message?.editedAt).toBeTypeOf("number");
  });

  it.each([
    ["no mentions here", []],
    ["hi @Bob and @bob", ["bob"]],
    ["@alice, @carol.smith: ship it", ["alice", "carol.smith"]],
    ["email me at bob@example.com", ["example.com"]],
  ] as const)("parseMentions(%j) -> %j", (body, expected) => {
    expect(parseMentions(body)).toEqual(expected);
  });
});

describe("mention notifications (send -> queue -> push provider)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubEnv("PUSH_API_URL", "https://push.example.test/send");
    vi.stubEnv("PUSH_API_KEY", "test-key");
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  // @pattern backend/integration-testing
  it("queues a notification per mentioned member and delivers it in the background", async () => {
    const fetchMock = vi.fn(async () => Response.json({ id: "push_1" }));
    vi.stubGlobal("fetch", fetchMock);
    const t = makeTest();
    const alice = await createUser(t, { name: "alice" });
    const bob = await createUser(t, { name: "bob" });
    const carol = await createUser(t, { name: "carol" });
    const channelId = await createChannel(t, alice.userId, { name: "general", memberIds: [bob.userId] });

    // carol is mentioned but not a member: no notification for her.
    await alice.as.mutation(api.messages.send, { channelId, body: "@bob @carol @alice review please" });
    const queued = await t.run((ctx) => ctx.db.query("notification_queue").collect());
    expect(queued).toMatchObject([{ userId: bob.userId, status: "pending", attempts: 0 }]);
    expect(carol.userId).not.toBe(queued[0]?.userId);

    await t.finishAllScheduledFunctions(vi.runAllTimers);

    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("https://push.example.test/send");
    expect(JSON.parse(init.body as string)).toMatchObject({
      to: "bob@example.com",
      title: "alice mentioned you in #general",
    });
    const done = await t.run((ctx) => ctx.db.query("notification_queue").collect());
    expect(done).toMatchObject([{ status: "done", attempts: 1 }]);
  });

  // @pattern testing/scheduled-function-tests title="Driving a queue processor directly"
  it("puts retryable failures back in the queue and gives up after MAX_ATTEMPTS", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response("nope", { status: 503, headers: { "Retry-After": "0" } })));
    const t = makeTest();
    const alice = await createUser(t, { name: "alice" });
    const bob = await createUser(t, { name: "bob" });
    const channelId = await createChannel(t, alice.userId, { memberIds: [bob.userId] });
    const messageId = await t.run((ctx) =>
      ctx.db.insert("messages", { channelId, authorId: alice.userId, authorName: "alice", body: "@bob", createdAt: 1, updatedAt: 1 }),
    );
    await t.run((ctx) =>
      ctx.db.insert("notification_queue", { userId: bob.userId, messageId, status: "pending", attempts: 0, createdAt: 1, updatedAt: 1 }),
    );

    for (let run = 1; run <= 5; run++) {
      const processing = t.action(internal.notifications.processQueue, {});
      await vi.runAllTimersAsync();
      expect(await processing).toEqual({ processed: 1, skipped: false });
    }
    const [item] = await t.run((ctx) => ctx.db.query("notification_queue").collect());
    expect(item).toMatchObject({ status: "failed", attempts: 5, lastError: "HTTP 503" });
    expect(await t.action(internal.notifications.processQueue, {})).toEqual({ processed: 0, skipped: false });
  });
});
