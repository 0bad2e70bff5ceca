import type { FunctionArgs } from "convex/server";
import type { api } from "../../convex/_generated/api";

// @pattern architecture/typed-api-boundary
/** Derived from the action's validators: change `processLogs` and this breaks at compile time. */
export type LogPayload = FunctionArgs<typeof api.loggingAction.processLogs>;
export type LogTransport = (payload: LogPayload) => Promise<unknown>;

const CAPTURED = ["log", "info", "warn", "error"] as const;
type CapturedMethod = (typeof CAPTURED)[number];

export type ConsoleOverrideOptions = {
  /** Sends one entry; defaults to `processLogs` via `ConvexHttpClient`. */
  transport?: LogTransport;
  /** Deployment URL for the default transport. */
  convexUrl?: string;
  /** Correlation fields attached to every entry. */
  context?: () => { trace_id?: string; user_id?: string; system_area?: string };
  flushIntervalMs?: number;
  maxBatchSize?: number;
  target?: Pick<Console, CapturedMethod>;
};

// @pattern architecture/typed-api-boundary title="Calling an action through the generated api"
/** Sends entries through the typed Convex client, loaded lazily to keep startup light. */
export function convexActionTransport(convexUrl: string): LogTransport {
  let client: Promise<import("convex/browser").ConvexHttpClient> | undefined;
  return async (payload) => {
    client ??= import("convex/browser").then(({ ConvexHttpClient }) => new ConvexHttpClient(convexUrl));
    const { api } = await import("../../convex/_generated/api");
    return (await client).action(api.loggingAction.processLogs, payload);
  };
}

// @pattern frontend/console-override-pattern
/**
 * Wraps the console so every entry is also forwarded to the backend. Original
 * methods always run first; entries are buffered and flushed in batches; the
 * transport's own failures are reported with the *original* methods and a
 * re-entrancy flag stops anything logged while sending from being captured,
 * so the override can never recurse. Returns an uninstall function.
 */
export function installConsoleOverride(options: ConsoleOverrideOptions = {}): () => void {
  const target = options.target ?? console;
  const transport =
    options.transport ?? (options.convexUrl ? convexActionTransport(options.convexUrl) : undefined);
  if (transport === undefined) {
    return () => {};
  }
  const maxBatchSize = options.maxBatchSize ?? 20;
  const originals = Object.fromEntries(CAPTURED.map((m) => [m, target[m]])) as Pick<Console, CapturedMethod>;
  let buffer: LogPayload[] = [];
  let sending = false;

  const flush = async () => {
    if (sending || buffer.length === 0) return;
    sending = true;
    const batch = buffer;
    buffer = [];
    try {
      await Promise.all(batch.map((entry) => transport(entry)));
    } catch (error) {
      originals.error.call(target, "[consoleOverride] failed to ship logs", error);
    } finally {
      sending = false;
    }
  };

  for (const method of CAPTURED) {
    target[method] = (...args: unknown[]) => {
      originals[method].apply(target, args);
      if (sending) return; // never capture output produced while shipping logs
      // @pattern-hide-start
      // Error objects do not serialise to JSON; keep their message and stack.
      // @pattern-hide-end
      const firstError = args.find((a): a is Error => a instanceof Error);
      buffer.push({
        level: method,
        args: args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : a)),
        timestamp: Date.now(),
        stack_trace: method === "error" ? (firstError?.stack ?? new Error().stack) : undefined,
        ...options.context?.(),
      });
      if (buffer.length >= maxBatchSize) void flush();
    };
  }
  const timer = setInterval(() => void flush(), options.flushIntervalMs ?? 2000);

  return () => {
    clearInterval(timer);
    for (const method of CAPTURED) target[method] = originals[method];
    void flush();
  };
}
