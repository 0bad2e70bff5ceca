import { usePaginatedQuery } from "convex/react";
import type { Id } from "../../../convex/_generated/dataModel";
import { api } from "../../../convex/_generated/api";

export const PAGE_SIZE = 30;

/** Message history, newest first, loaded one page at a time. */
// @pattern frontend/paginated-lists
export function MessageList({ channelId }: { channelId: Id<"channels"> }) {
  const { results, status, loadMore } = usePaginatedQuery(
    api.messages.list,
    { channelId },
    { initialNumItems: PAGE_SIZE },
  );

  if (status === "LoadingFirstPage") {
    return <p role="status">Loading messages…</p>;
  }
  if (results.length === 0) {
    return <p>No messages yet. Say hello!</p>;
  }
  return (
    <section aria-label="Messages">
      <ol reversed>
        {results.map((m) => (
          <li key={m._id} data-pending={m._id.startsWith("optimistic:") || undefined}>
            <strong>{m.authorName}</strong> {m.body}
            {m.editedAt !== undefined && <small> (edited)</small>}
          </li>
        ))}
      </ol>
      {status === "CanLoadMore" && (
        <button type="button" onClick={() => loadMore(PAGE_SIZE)}>
          Load older messages
        </button>
      )}
      {status === "LoadingMore" && <p role="status">Loading older messages…</p>}
    </section>
  );
}
