import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

// @pattern-start backend/cron-jobs
/**
 * Background schedule. Every target is an internal, idempotent function that
 * processes a bounded batch, so overlapping or repeated runs are harmless and
 * a failed run is simply retried by the next tick.
 */
const crons = cronJobs();

// Safety net for notifications whose immediate processing failed or was skipped.
crons.interval("drain notification queue", { minutes: 1 }, internal.notifications.processQueue, {});

// Recover rows left in `processing` by a crashed run.
crons.interval("requeue stuck notifications", { minutes: 10 }, internal.notifications.requeueStuck, {
  olderThanMs: 10 * 60 * 1000,
});

crons.hourly("prune browser logs", { minuteUTC: 5 }, internal.loggingAction.pruneLogs, {});

export default crons;
// @pattern-end backend/cron-jobs
