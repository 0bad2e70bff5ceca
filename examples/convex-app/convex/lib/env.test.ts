// @vitest-environment node
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { requireEnv, SERVER_ENV } from "./env";

/** Names listed under a top-level section of environments.yml. */
function manifestNames(section: "server" | "client"): string[] {
  const text = readFileSync(fileURLToPath(new URL("../../environments.yml", import.meta.url)), "utf8");
  const names: string[] = [];
  let current: string | null = null;
  for (const line of text.split("\n")) {
    const top = /^(\w+):/.exec(line);
    if (top) current = top[1]!;
    const item = /^\s+- name: (\w+)/.exec(line);
    if (item && current === section) names.push(item[1]!);
  }
  return names;
}

describe("environment contract", () => {
  it("declares exactly the server variables the code reads", () => {
    expect(manifestNames("server").sort()).toEqual(Object.keys(SERVER_ENV).sort());
  });

  it("declares the client's build-time variables", () => {
    expect(manifestNames("client")).toEqual(["VITE_CONVEX_URL"]);
  });

  it("fails loudly when a required variable is missing", () => {
    vi.stubEnv("WEBHOOK_SECRET", "");
    expect(() => requireEnv("WEBHOOK_SECRET")).toThrow(/Missing environment variable WEBHOOK_SECRET/);
    vi.stubEnv("WEBHOOK_SECRET", "s3cret");
    expect(requireEnv("WEBHOOK_SECRET")).toBe("s3cret");
  });
});
