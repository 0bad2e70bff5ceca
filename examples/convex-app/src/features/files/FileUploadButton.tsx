import { useMutation } from "convex/react";
import { useState, type ChangeEvent } from "react";
import type { Id } from "../../../convex/_generated/dataModel";
import { api } from "../../../convex/_generated/api";
import { LIMITS } from "../../../convex/lib/validators";
import { toDisplayError } from "../../lib/errors";

export function checkFile(file: File): string | null {
  if (!(LIMITS.allowedMimeTypes as readonly string[]).includes(file.type)) {
    return `Files of type ${file.type || "unknown"} are not allowed.`;
  }
  if (file.size > LIMITS.fileMaxBytes) return "The file is too large (max 10 MB).";
  return null;
}

// @pattern frontend/client-file-upload
/**
 * Three steps: get an upload URL, POST the bytes straight to storage, then
 * link the returned storage id to the channel (the server validates again).
 */
export function FileUploadButton({
  channelId,
  onUploaded,
}: {
  channelId: Id<"channels">;
  onUploaded?: (attachmentId: Id<"attachments">) => void;
}) {
  const generateUploadUrl = useMutation(api.files.generateUploadUrl);
  const saveAttachment = useMutation(api.files.saveAttachment);
  const [status, setStatus] = useState<string | null>(null);

  async function onChange(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    const problem = checkFile(file);
    if (problem) return setStatus(problem);
    setStatus("Uploading…");
    try {
      const uploadUrl = await generateUploadUrl();
      const response = await fetch(uploadUrl, {
        method: "POST",
        headers: { "Content-Type": file.type },
        body: file,
      });
      if (!response.ok) throw new Error(`Upload failed with HTTP ${response.status}`);
      const { storageId } = (await response.json()) as { storageId: Id<"_storage"> };
      const attachmentId = await saveAttachment({ channelId, storageId, fileName: file.name });
      setStatus(null);
      onUploaded?.(attachmentId);
    } catch (error) {
      setStatus(toDisplayError(error).message);
    }
  }

  return (
    <span>
      <label>
        Attach file
        <input type="file" accept={LIMITS.allowedMimeTypes.join(",")} onChange={onChange} />
      </label>
      {status && <span role="status">{status}</span>}
    </span>
  );
}
