// @vitest-environment jsdom
import "../../test/setupDom";
import { render, screen } from "@testing-library/react";
import { useMutation, useQuery } from "convex/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { mutationMock, queryResults } from "../../test/mockConvex";
import { ChannelList } from "./ChannelList";

vi.mock("convex/react", () => ({ useQuery: vi.fn(), useMutation: vi.fn() }));

const channel = (name: string, isMember: boolean) => ({
  _id: `id_${name}`,
  name,
  isPrivate: false,
  isMember,
  description: undefined,
  lastMessageAt: undefined,
});

// @pattern testing/mocked-convex-hooks
describe("ChannelList", () => {
  beforeEach(() => {
    vi.mocked(useMutation).mockReturnValue(mutationMock() as never);
  });

  it("shows a loading status while the query has no result", () => {
    vi.mocked(useQuery).mockImplementation(queryResults({}) as never);
    render(<ChannelList selectedId={null} onSelect={() => {}} />);
    expect(screen.getByRole("status")).toHaveTextContent("Loading channels");
  });

  it("shows an empty state when there are no channels", () => {
    vi.mocked(useQuery).mockImplementation(queryResults({ "channels:list": [] }) as never);
    render(<ChannelList selectedId={null} onSelect={() => {}} />);
    expect(screen.getByRole("heading", { name: "No channels yet" })).toBeInTheDocument();
  });

  it("separates joined channels from ones the user can join", () => {
    vi.mocked(useQuery).mockImplementation(
      queryResults({ "channels:list": [channel("general", true), channel("random", false)] }) as never,
    );
    render(<ChannelList selectedId={"id_general" as never} onSelect={() => {}} />);
    expect(screen.getByRole("button", { name: "#general" })).toHaveAttribute("aria-current", "true");
    expect(screen.getByRole("button", { name: "Join" })).toBeInTheDocument();
  });
});
