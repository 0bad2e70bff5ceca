import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createChannel, createUser, makeTest } from "./test.helpers";
import { DELIVERY_HEADER, SIGNATURE_HEADER, signPayload } from "./webhooks";

const SECRET = "whsec_test";

// @pattern testing/http-action-tests
describe("POST /webhooks/deploys", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubEnv("WEBHOOK_SECRET", SECRET);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function deliver(t: ReturnType<typeof makeTest>, body: string, deliveryId: string, secret = SECRET) {
    return await t.fetch("/webhooks/deploys", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        [SIGNATURE_HEADER]: await signPayload(secret, body),
        [DELIVERY_HEADER]: deliveryId,
      },
      body,
    });
  }

  it("accepts a signed delivery once and posts it to the channel asynchronously", async () => {
    const t = makeTest();
    const owner = await createUser(t, { name: "owner" });
    await createChannel(t, owner.userId, { name: "releases" });
    const body = JSON.stringify({ type: "deploy.finished", channel: "releases", text: "v1.2.0 is live" });

    const first = await deliver(t, body, "delivery-1");
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ received: true, duplicate: false });

    const replay = await deliver(t, body, "delivery-1");
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ received: true, duplicate: true });

    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const messages = await t.run((ctx) => ctx.db.query("messages").collect());
    expect(messages).toMatchObject([{ body: "v1.2.0 is live", authorName: "deploy-bot" }]);
    const events = await t.run((ctx) => ctx.db.query("webhook_events").collect());
    expect(events).toMatchObject([{ deliveryId: "delivery-1", status: "done" }]);
  });

  it("rejects bad signatures without touching the database", async () => {
    const t = makeTest();
    const response = await deliver(t, JSON.stringify({ type: "x" }), "delivery-2", "wrong-secret");
    expect(response.status).toBe(401);
    expect(await t.run((ctx) => ctx.db.query("webhook_events").collect())).toEqual([]);
  });

  it("marks events for unknown channels as failed", async () => {
    const t = makeTest();
    await deliver(t, JSON.stringify({ type: "deploy.finished", channel: "nope", text: "hi" }), "delivery-3");
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const [event] = await t.run((ctx) => ctx.db.query("webhook_events").collect());
    expect(event).toMatchObject({ status: "failed", error: "unknown channel nope" });
  });
});
