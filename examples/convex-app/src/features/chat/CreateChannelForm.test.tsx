// @vitest-environment jsdom
import "../../test/setupDom";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useMutation } from "convex/react";
import { ConvexError } from "convex/values";
import { describe, expect, it, vi } from "vitest";
import { mutationMock } from "../../test/mockConvex";
import { CreateChannelForm } from "./CreateChannelForm";

vi.mock("convex/react", () => ({ useMutation: vi.fn() }));

// @pattern testing/user-interaction-tests
describe("CreateChannelForm", () => {
  it("shows field errors from client validation and does not call the server", async () => {
    const create = mutationMock();
    vi.mocked(useMutation).mockReturnValue(create as never);
    const user = userEvent.setup();
    render(<CreateChannelForm />);

    await user.type(screen.getByLabelText("Name"), "Hello World");
    await user.click(screen.getByRole("button", { name: "Create channel" }));

    expect(screen.getByLabelText("Name")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText(/lowercase letters/)).toBeInTheDocument();
    expect(create).not.toHaveBeenCalled();
  });

  it("submits valid input and reports the new id", async () => {
    const create = mutationMock(async () => "channel_1");
    vi.mocked(useMutation).mockReturnValue(create as never);
    const onCreated = vi.fn();
    const user = userEvent.setup();
    render(<CreateChannelForm onCreated={onCreated} />);

    await user.type(screen.getByLabelText("Name"), "release-planning");
    await user.click(screen.getByLabelText("Private"));
    await user.click(screen.getByRole("button", { name: "Create channel" }));

    expect(create).toHaveBeenCalledWith({ name: "release-planning", description: undefined, isPrivate: true });
    expect(onCreated).toHaveBeenCalledWith("channel_1");
    expect(screen.getByLabelText("Name")).toHaveValue("");
  });

  it("puts a coded server error next to the field it names", async () => {
    const create = mutationMock(async () => {
      throw new ConvexError({ code: "CONFLICT", message: "A channel named #general already exists.", field: "name" });
    });
    vi.mocked(useMutation).mockReturnValue(create as never);
    const user = userEvent.setup();
    render(<CreateChannelForm />);

    await user.type(screen.getByLabelText("Name"), "general");
    await user.click(screen.getByRole("button", { name: "Create channel" }));

    expect(await screen.findByText("A channel named #general already exists.")).toBeInTheDocument();
    expect(screen.getByLabelText("Name")).toHaveAttribute("aria-invalid", "true");
  });
});
