import { getFunctionName, type FunctionReference } from "convex/server";
import { vi } from "vitest";

// @pattern testing/mocked-convex-hooks title="Selecting results by function reference"
/**
 * Per-test results for mocked `useQuery`, keyed by function name
 * (`"channels:list"`). A function value is called with the args, so it can
 * throw to simulate a failing query; a missing key means "still loading".
 */
export function queryResults(results: Record<string, unknown>) {
  return (ref: FunctionReference<"query">, args?: unknown) => {
    if (args === "skip") return undefined;
    const value = results[getFunctionName(ref)];
    return typeof value === "function" ? (value as (a: unknown) => unknown)(args) : value;
  };
}

/** A `useMutation` stand-in whose calls can be asserted, with chaining support. */
export function mutationMock(impl: (args: unknown) => Promise<unknown> = async () => null) {
  const fn = vi.fn(impl);
  return Object.assign(fn, { withOptimisticUpdate: () => fn });
}
