import { render } from "./testing";

// @pattern testing-architecture/minimal-mocking
test("logs in through the real provider", () => {
  render("LoginForm");
});
