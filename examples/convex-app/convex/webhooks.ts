import { v } from "convex/values";
import { internal } from "./_generated/api";
import { httpAction, internalMutation } from "./_generated/server";
import { recordAudit } from "./lib/audit";
import { requireEnv } from "./lib/env";

export const SIGNATURE_HEADER = "X-Signature-256";
export const DELIVERY_HEADER = "X-Delivery-Id";
const PROVIDER = "deploys";

function toHex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** `sha256=<hex HMAC of the raw body>`, the format senders put in the header. */
export async function signPayload(secret: string, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return `sha256=${toHex(await crypto.subtle.sign("HMAC", key, encoder.encode(body)))}`;
}

/** Constant-time comparison so response timing leaks nothing about the secret. */
function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export async function verifySignature(secret: string, body: string, header: string | null): Promise<boolean> {
  if (header === null) return false;
  return timingSafeEqual(await signPayload(secret, body), header);
}

// @pattern backend/webhook-handling
/**
 * `POST /webhooks/deploys`: verify the signature over the raw body, record the
 * delivery idempotently, and answer immediately; the event itself is
 * processed asynchronously by a scheduled internal mutation.
 */
export const deployWebhook = httpAction(async (ctx, request) => {
  const body = await request.text();
  const valid = await verifySignature(requireEnv("WEBHOOK_SECRET"), body, request.headers.get(SIGNATURE_HEADER));
  if (!valid) {
    return new Response("invalid signature", { status: 401 });
  }
  const deliveryId = request.headers.get(DELIVERY_HEADER);
  if (deliveryId === null || deliveryId.length === 0 || deliveryId.length > 200) {
    return new Response("missing delivery id", { status: 400 });
  }
  let eventType: string;
  try {
    const parsed = JSON.parse(body) as { type?: unknown };
    eventType = typeof parsed.type === "string" ? parsed.type : "unknown";
  } catch {
    return new Response("body must be JSON", { status: 400 });
  }
  const { duplicate } = await ctx.runMutation(internal.webhooks.recordDelivery, {
    deliveryId,
    eventType,
    payload: body,
  });
  return Response.json({ received: true, duplicate }, { status: duplicate ? 200 : 202 });
});

/** Stores a delivery once; replays of the same delivery id are acknowledged and ignored. */
// @pattern backend/webhook-handling title="Idempotent delivery record"
export const recordDelivery = internalMutation({
  args: { deliveryId: v.string(), eventType: v.string(), payload: v.string() },
  handler: async (ctx, { deliveryId, eventType, payload }) => {
    const existing = await ctx.db
      .query("webhook_events")
      .withIndex("by_delivery", (q) => q.eq("provider", PROVIDER).eq("deliveryId", deliveryId))
      .unique();
    if (existing !== null) {
      return { duplicate: true, eventId: existing._id };
    }
    const eventId = await ctx.db.insert("webhook_events", {
      provider: PROVIDER,
      deliveryId,
      eventType,
      payload,
      status: "pending",
      receivedAt: Date.now(),
    });
    await ctx.scheduler.runAfter(0, internal.webhooks.processDelivery, { eventId });
    return { duplicate: false, eventId };
  },
});

const BOT_TOKEN = "system|deploy-bot";

/** Posts `{ "type": "deploy.finished", "channel": "releases", "text": "..." }` events into the channel. */
export const processDelivery = internalMutation({
  args: { eventId: v.id("webhook_events") },
  handler: async (ctx, { eventId }) => {
    const event = await ctx.db.get(eventId);
    if (event === null || event.status !== "pending") return;
    const payload = JSON.parse(event.payload) as { channel?: unknown; text?: unknown };
    const fail = (error: string) =>
      ctx.db.patch(eventId, { status: "failed", error, processedAt: Date.now() });
    if (typeof payload.channel !== "string" || typeof payload.text !== "string") {
      return await fail("payload needs string fields `channel` and `text`");
    }
    const channelName = payload.channel;
    const channel = await ctx.db
      .query("channels")
      .withIndex("by_name", (q) => q.eq("name", channelName))
      .unique();
    if (channel === null) {
      return await fail(`unknown channel ${channelName}`);
    }
    const now = Date.now();
    let bot = await ctx.db
      .query("users")
      .withIndex("by_token", (q) => q.eq("tokenIdentifier", BOT_TOKEN))
      .unique();
    if (bot === null) {
      const botId = await ctx.db.insert("users", {
        name: "deploy-bot",
        tokenIdentifier: BOT_TOKEN,
        role: "member",
        createdAt: now,
        updatedAt: now,
      });
      bot = (await ctx.db.get(botId))!;
    }
    const messageId = await ctx.db.insert("messages", {
      channelId: channel._id,
      authorId: bot._id,
      authorName: bot.name,
      body: payload.text.slice(0, 4000),
      createdAt: now,
      updatedAt: now,
    });
    await ctx.db.patch(channel._id, { lastMessageAt: now, updatedAt: now });
    await ctx.db.patch(eventId, { status: "done", processedAt: now });
    await recordAudit(ctx, {
      action: "webhook.message",
      targetTable: "messages",
      targetId: messageId,
      details: { deliveryId: event.deliveryId },
    });
  },
});
