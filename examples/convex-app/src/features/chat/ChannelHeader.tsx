import { useQuery } from "convex/react";
import type { Id } from "../../../convex/_generated/dataModel";
import { api } from "../../../convex/_generated/api";

// @pattern frontend/reactive-query-hooks
/**
 * Live channel title. `"skip"` avoids a query (and a NOT_FOUND error) while
 * no channel is selected; `undefined` means the first result has not arrived.
 */
export function ChannelHeader({ channelId }: { channelId: Id<"channels"> | null }) {
  const channel = useQuery(api.channels.get, channelId === null ? "skip" : { channelId });
  if (channelId === null) return <h1>Team Chat</h1>;
  if (channel === undefined) return <h1 aria-busy="true">…</h1>;
  return (
    <header>
      <h1>#{channel.name}</h1>
      {channel.description && <p>{channel.description}</p>}
      {channel.myRole === "owner" && <span>You own this channel</span>}
    </header>
  );
}
