import { useQuery } from "convex/react";
import { useMemo } from "react";
import type { Id } from "../../../convex/_generated/dataModel";
import { api } from "../../../convex/_generated/api";
import type { ChannelSummary } from "../../../convex/channels";

export type ChannelsResult =
  | { status: "loading" }
  | {
      status: "ready";
      joined: ChannelSummary[];
      discoverable: ChannelSummary[];
      byId: (id: Id<"channels">) => ChannelSummary | undefined;
    };

// @pattern frontend/custom-data-hooks
/**
 * The sidebar's view of channels: split into joined/discoverable and indexed
 * by id, with an explicit status instead of a bare `undefined`.
 */
export function useChannels(): ChannelsResult {
  const channels = useQuery(api.channels.list, {});
  return useMemo(() => {
    if (channels === undefined) return { status: "loading" };
    const index = new Map(channels.map((c) => [c._id, c]));
    return {
      status: "ready",
      joined: channels.filter((c) => c.isMember),
      discoverable: channels.filter((c) => !c.isMember),
      byId: (id) => index.get(id),
    };
  }, [channels]);
}
