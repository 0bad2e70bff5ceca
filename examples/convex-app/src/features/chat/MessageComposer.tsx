import { insertAtTop, useMutation } from "convex/react";
import { useState, type FormEvent } from "react";
import type { Id } from "../../../convex/_generated/dataModel";
import { api } from "../../../convex/_generated/api";
import { LIMITS } from "../../../convex/lib/validators";
import { toDisplayError } from "../../lib/errors";
import { FileUploadButton } from "../files";

type Author = { _id: Id<"users">; name: string };

// @pattern frontend/optimistic-updates
/**
 * `messages.send` with an optimistic update: the new message appears at the
 * top of the paginated list immediately and is replaced by the server's copy
 * (or rolled back on failure) automatically.
 */
export function useSendMessage(author: Author) {
  return useMutation(api.messages.send).withOptimisticUpdate((localStore, args) => {
    const now = Date.now();
    insertAtTop({
      paginatedQuery: api.messages.list,
      argsToMatch: { channelId: args.channelId },
      localQueryStore: localStore,
      item: {
        _id: `optimistic:${now}` as Id<"messages">,
        _creationTime: now,
        channelId: args.channelId,
        authorId: author._id,
        authorName: author.name,
        body: args.body.trim(),
        attachmentId: args.attachmentId,
        createdAt: now,
        updatedAt: now,
      },
    });
  });
}

// @pattern frontend/mutation-hooks
export function MessageComposer({ channelId, author }: { channelId: Id<"channels">; author: Author }) {
  const sendMessage = useSendMessage(author);
  const [body, setBody] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (body.trim().length === 0) return;
    setPending(true);
    setError(null);
    try {
      await sendMessage({ channelId, body });
      setBody("");
    } catch (err) {
      setError(toDisplayError(err).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} aria-label="Send a message">
      <label htmlFor="message-body">Message</label>
      <textarea
        id="message-body"
        value={body}
        maxLength={LIMITS.messageMax}
        onChange={(e) => setBody(e.target.value)}
      />
      {error && <p role="alert">{error}</p>}
      <button type="submit" disabled={pending || body.trim().length === 0}>
        {pending ? "Sending…" : "Send"}
      </button>
      <FileUploadButton channelId={channelId} onUploaded={(attachmentId) => void sendMessage({ channelId, body: "", attachmentId })} />
    </form>
  );
}
