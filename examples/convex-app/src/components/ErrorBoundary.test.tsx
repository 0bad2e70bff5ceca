// @vitest-environment jsdom
import "../test/setupDom";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { ErrorBoundary } from "./ErrorBoundary";

function Flaky({ fail }: { fail: boolean }) {
  if (fail) throw new Error("query failed");
  return <p>Loaded</p>;
}

function Harness() {
  const [fail, setFail] = useState(true);
  return (
    <>
      <button type="button" onClick={() => setFail(false)}>
        Fix
      </button>
      <ErrorBoundary>
        <Flaky fail={fail} />
      </ErrorBoundary>
    </>
  );
}

describe("ErrorBoundary", () => {
  it("shows a fallback, reports the error and recovers on retry", async () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    const user = userEvent.setup();
    render(<Harness />);

    expect(screen.getByRole("alert")).toHaveTextContent("Something went wrong");
    expect(consoleError).toHaveBeenCalledWith("UI error", expect.any(Error), expect.anything());

    await user.click(screen.getByRole("button", { name: "Fix" }));
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(screen.getByText("Loaded")).toBeInTheDocument();
  });
});
