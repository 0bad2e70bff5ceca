import { useMutation } from "convex/react";
import type { Id } from "../../../convex/_generated/dataModel";
import { api } from "../../../convex/_generated/api";
import { useChannels } from "./useChannels";

type Props = {
  selectedId: Id<"channels"> | null;
  onSelect: (id: Id<"channels">) => void;
};

// @pattern frontend/loading-and-empty-states
export function ChannelList({ selectedId, onSelect }: Props) {
  const channels = useChannels();
  const join = useMutation(api.channels.join);

  if (channels.status === "loading") {
    return <p role="status">Loading channels…</p>;
  }
  if (channels.joined.length === 0 && channels.discoverable.length === 0) {
    return (
      <section aria-label="Channels">
        <h2>No channels yet</h2>
        <p>Create the first channel to start talking.</p>
      </section>
    );
  }
  return (
    <nav aria-label="Channels">
      <ul>
        {channels.joined.map((c) => (
          <li key={c._id}>
            <button type="button" aria-current={c._id === selectedId} onClick={() => onSelect(c._id)}>
              #{c.name}
              {c.isPrivate ? " 🔒" : ""}
            </button>
          </li>
        ))}
      </ul>
      {channels.discoverable.length > 0 && (
        <>
          <h3>Other channels</h3>
          <ul>
            {channels.discoverable.map((c) => (
              <li key={c._id}>
                #{c.name}{" "}
                <button type="button" onClick={() => void join({ channelId: c._id }).then(() => onSelect(c._id))}>
                  Join
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </nav>
  );
}
