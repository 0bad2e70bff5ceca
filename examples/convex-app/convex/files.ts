import { v } from "convex/values";
import { mutation, query } from "./_generated/server";
import { recordAudit } from "./lib/audit";
import { getMembership, requireChannelAccess, requireUser } from "./lib/auth";
import { appError } from "./lib/errors";
import { LIMITS } from "./lib/validators";

/** Step 1 of an upload: a short-lived URL the browser POSTs the file to. */
// @pattern backend/file-upload
export const generateUploadUrl = mutation({
  args: {},
  handler: async (ctx) => {
    await requireUser(ctx);
    return await ctx.storage.generateUploadUrl();
  },
});

// @pattern backend/file-upload title="Validating and linking an uploaded file"
/**
 * Step 2 of an upload: link the stored file to a channel. Type and size are
 * checked against the storage system table, not the client's claims; rejected
 * files are deleted so they do not linger in storage.
 */
export const saveAttachment = mutation({
  args: { channelId: v.id("channels"), storageId: v.id("_storage"), fileName: v.string() },
  handler: async (ctx, { channelId, storageId, fileName }) => {
    const user = await requireUser(ctx);
    await requireChannelAccess(ctx, channelId, user);
    if ((await getMembership(ctx, channelId, user._id)) === null) {
      appError("FORBIDDEN", "Join the channel before uploading files.");
    }
    const metadata = await ctx.db.system.get(storageId);
    if (metadata === null) {
      appError("NOT_FOUND", "The upload could not be found; try again.");
    }
    const contentType = metadata.contentType ?? "application/octet-stream";
    if (!(LIMITS.allowedMimeTypes as readonly string[]).includes(contentType)) {
      await ctx.storage.delete(storageId);
      appError("INVALID_ARGUMENT", `Files of type ${contentType} are not allowed.`, "file");
    }
    if (metadata.size > LIMITS.fileMaxBytes) {
      await ctx.storage.delete(storageId);
      appError("INVALID_ARGUMENT", "The file is too large.", "file");
    }
    return await ctx.db.insert("attachments", {
      storageId,
      channelId,
      uploadedBy: user._id,
      fileName: fileName.slice(0, 200),
      contentType,
      size: metadata.size,
      createdAt: Date.now(),
    });
  },
});

export const listForChannel = query({
  args: { channelId: v.id("channels") },
  handler: async (ctx, { channelId }) => {
    const user = await requireUser(ctx);
    await requireChannelAccess(ctx, channelId, user);
    return await ctx.db
      .query("attachments")
      .withIndex("by_channel", (q) => q.eq("channelId", channelId))
      .order("desc")
      .take(50);
  },
});

// @pattern backend/file-access-control
/**
 * Returns a download URL only to callers who can read the attachment's
 * channel, and records every access in the audit log. This is a mutation
 * (not a query) precisely so that the access can be logged.
 */
export const requestDownloadUrl = mutation({
  args: { attachmentId: v.id("attachments") },
  handler: async (ctx, { attachmentId }) => {
    const user = await requireUser(ctx);
    const attachment = await ctx.db.get(attachmentId);
    if (attachment === null) {
      appError("NOT_FOUND", "File not found.");
    }
    await requireChannelAccess(ctx, attachment.channelId, user);
    const url = await ctx.storage.getUrl(attachment.storageId);
    if (url === null) {
      appError("NOT_FOUND", "The file has been deleted.");
    }
    await recordAudit(ctx, {
      actorId: user._id,
      action: "file.download",
      targetTable: "attachments",
      targetId: attachmentId,
      details: { fileName: attachment.fileName },
    });
    return url;
  },
});
