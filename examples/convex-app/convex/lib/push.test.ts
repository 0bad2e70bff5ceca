import { describe, expect, it, vi } from "vitest";
import { backoffMs, sendPush } from "./push";

const payload = { to: "bob@example.com", title: "t", body: "b", url: "/" };

describe("sendPush", () => {
  it.each([
    { name: "success first time", statuses: [200], expected: { ok: true }, calls: 1 },
    { name: "retries 503 then succeeds", statuses: [503, 200], expected: { ok: true }, calls: 2 },
    { name: "retries 429 up to the limit", statuses: [429, 429, 429], expected: { ok: false, retryable: true }, calls: 3 },
    { name: "does not retry 400", statuses: [400], expected: { ok: false, retryable: false }, calls: 1 },
  ])("$name", async ({ statuses, expected, calls }) => {
    const responses = statuses.map((status) =>
      status === 200 ? Response.json({ id: "p1" }) : new Response("", { status }),
    );
    const fetchImpl = vi.fn(async () => responses.shift()!);
    const sleep = vi.fn(async () => {});
    const result = await sendPush(payload, { url: "https://push.test", apiKey: "k", fetchImpl, sleep });
    expect(result).toMatchObject(expected);
    expect(fetchImpl).toHaveBeenCalledTimes(calls);
  });

  it("honours Retry-After and caps exponential backoff", () => {
    expect(backoffMs(1, "2")).toBe(2000);
    expect(backoffMs(1, null)).toBe(250);
    expect(backoffMs(3, null)).toBe(1000);
    expect(backoffMs(20, "garbage")).toBe(5000);
  });
});
