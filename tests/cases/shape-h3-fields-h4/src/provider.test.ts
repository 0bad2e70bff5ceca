import { act, render } from "./testing";

// @pattern testing/pattern-1-wrapped-provider-render
test("the provider starts its session", async () => {
  await act(async () => {
    render("SessionProvider");
  });
});
