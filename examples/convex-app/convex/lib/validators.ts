import { v, type Infer } from "convex/values";

// @pattern-start architecture/shared-validators title="Validators reused by schema and args"
/**
 * Validators and limits shared by the schema, the function arguments and the
 * React client. Change a rule here and storage, API and UI follow.
 */
export const workspaceRole = v.union(v.literal("admin"), v.literal("member"));
export type WorkspaceRole = Infer<typeof workspaceRole>;

export const channelRole = v.union(v.literal("owner"), v.literal("member"));
export type ChannelRole = Infer<typeof channelRole>;

export const logLevel = v.union(
  v.literal("debug"),
  v.literal("log"),
  v.literal("info"),
  v.literal("warn"),
  v.literal("error"),
);
export type LogLevel = Infer<typeof logLevel>;

export const queueStatus = v.union(
  v.literal("pending"),
  v.literal("processing"),
  v.literal("done"),
  v.literal("failed"),
);
export type QueueStatus = Infer<typeof queueStatus>;

/** One captured console call, as `createLogEntry` takes it and both log tables store it. */
export const logEntryFields = {
  level: logLevel,
  message: v.string(),
  trace_id: v.string(),
  user_id: v.string(),
  system_area: v.string(),
  timestamp: v.number(),
  stack_trace: v.optional(v.string()),
};
// @pattern-end architecture/shared-validators

// @pattern architecture/shared-validators title="Limits shared with the client"
export const LIMITS = {
  channelNameMin: 2,
  channelNameMax: 40,
  channelDescriptionMax: 200,
  messageMax: 4000,
  fileMaxBytes: 10 * 1024 * 1024,
  allowedMimeTypes: [
    "image/png",
    "image/jpeg",
    "image/gif",
    "application/pdf",
    "text/plain",
  ],
} as const;

/** Lowercase letters, digits and single dashes, e.g. `release-planning`. */
export const CHANNEL_NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
