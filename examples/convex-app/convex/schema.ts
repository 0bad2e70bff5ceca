import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { channelRole, logEntryFields, queueStatus, workspaceRole } from "./lib/validators";

// @pattern backend/schema-definition
// @pattern backend/document-relationships
// @pattern architecture/schema-as-single-source-of-truth
/**
 * The single source of truth for stored data. `convex codegen` derives
 * `Doc<...>`/`Id<...>` types from this file; convex-test validates writes with it.
 */
export default defineSchema({
  users: defineTable({
    name: v.string(),
    email: v.optional(v.string()),
    /** Stable id from the auth provider (`identity.tokenIdentifier`). */
    tokenIdentifier: v.string(),
    role: workspaceRole,
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_token", ["tokenIdentifier"])
    .index("by_email", ["email"]),

  channels: defineTable({
    name: v.string(),
    description: v.optional(v.string()),
    createdBy: v.id("users"),
    isPrivate: v.boolean(),
    /** Denormalised so the channel list does not need to read messages. */
    lastMessageAt: v.optional(v.number()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_name", ["name"])
    .index("by_created_by", ["createdBy"]),

  memberships: defineTable({
    channelId: v.id("channels"),
    userId: v.id("users"),
    role: channelRole,
    createdAt: v.number(),
  })
    .index("by_channel", ["channelId"])
    .index("by_user", ["userId"])
    .index("by_channel_and_user", ["channelId", "userId"]),

  messages: defineTable({
    channelId: v.id("channels"),
    authorId: v.id("users"),
    /** Denormalised author name: messages render without a join. */
    authorName: v.string(),
    body: v.string(),
    attachmentId: v.optional(v.id("attachments")),
    editedAt: v.optional(v.number()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_channel", ["channelId"])
    .index("by_author", ["authorId"]),

  attachments: defineTable({
    storageId: v.id("_storage"),
    channelId: v.id("channels"),
    uploadedBy: v.id("users"),
    fileName: v.string(),
    contentType: v.string(),
    size: v.number(),
    createdAt: v.number(),
  })
    .index("by_channel", ["channelId"])
    .index("by_storage", ["storageId"]),

  audit_log: defineTable({
    actorId: v.optional(v.id("users")),
    action: v.string(),
    targetTable: v.string(),
    targetId: v.string(),
    details: v.optional(v.record(v.string(), v.union(v.string(), v.number(), v.boolean()))),
    createdAt: v.number(),
  })
    .index("by_target", ["targetTable", "targetId", "createdAt"])
    .index("by_actor", ["actorId", "createdAt"]),

  webhook_events: defineTable({
    provider: v.string(),
    deliveryId: v.string(),
    eventType: v.string(),
    payload: v.string(),
    status: queueStatus,
    error: v.optional(v.string()),
    receivedAt: v.number(),
    processedAt: v.optional(v.number()),
  }).index("by_delivery", ["provider", "deliveryId"]),

  notification_queue: defineTable({
    userId: v.id("users"),
    messageId: v.id("messages"),
    status: queueStatus,
    attempts: v.number(),
    lastError: v.optional(v.string()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_status", ["status", "createdAt"])
    .index("by_message", ["messageId"]),

  log_queue: defineTable({
    ...logEntryFields,
    raw_args: v.array(v.string()),
    status: queueStatus,
  })
    .index("by_status", ["status", "timestamp"])
    .index("by_trace", ["trace_id"]),

  recent_log_entries: defineTable(logEntryFields).index("by_timestamp", ["timestamp"]),
});
