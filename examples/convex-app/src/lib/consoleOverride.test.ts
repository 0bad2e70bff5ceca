import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { installConsoleOverride, type LogPayload } from "./consoleOverride";

function fakeConsole() {
  return { log: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

describe("installConsoleOverride", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("keeps the original output and ships batched entries with context", async () => {
    const target = fakeConsole();
    const originalLog = target.log;
    const sent: LogPayload[] = [];
    const uninstall = installConsoleOverride({
      target,
      transport: async (p) => sent.push(p),
      context: () => ({ trace_id: "t1", system_area: "chat" }),
      flushIntervalMs: 1000,
    });

    target.log("hello", { a: 1 });
    target.error(new Error("boom"));
    expect(originalLog).toHaveBeenCalledWith("hello", { a: 1 });
    expect(sent).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toMatchObject([
      { level: "log", args: ["hello", { a: 1 }], trace_id: "t1", system_area: "chat" },
      { level: "error", args: ["Error: boom"] },
    ]);
    expect(sent[1]?.stack_trace).toContain("boom");

    uninstall();
    expect(target.log).toBe(originalLog);
  });

  it("never captures logging that happens while sending", async () => {
    const target = fakeConsole();
    const transport = vi.fn(async () => {
      target.warn("transport is logging"); // would recurse without the guard
      throw new Error("offline");
    });
    const uninstall = installConsoleOverride({ target, transport, maxBatchSize: 1 });

    target.info("first");
    await vi.advanceTimersByTimeAsync(5000);

    expect(transport).toHaveBeenCalledTimes(1);
    uninstall();
    expect(target.error).toHaveBeenCalledWith("[consoleOverride] failed to ship logs", expect.any(Error));
  });
});
