import { describe, expect, it } from "vitest";
import { validateChannelForm } from "./validation";

const base = { name: "general", description: "", isPrivate: false };

describe("validateChannelForm", () => {
  it.each([
    { name: "general", expected: {} },
    { name: "  General ", expected: {} },
    { name: "", expected: { name: "Give the channel a name." } },
    { name: "a", expected: { name: "Use 2-40 characters." } },
    { name: "two words", expected: { name: "Use lowercase letters, digits and single dashes." } },
    { name: "a--b", expected: { name: "Use lowercase letters, digits and single dashes." } },
  ])("name $name", ({ name, expected }) => {
    expect(validateChannelForm({ ...base, name })).toEqual(expected);
  });

  it("limits the description", () => {
    expect(validateChannelForm({ ...base, description: "x".repeat(201) })).toHaveProperty("description");
  });
});
