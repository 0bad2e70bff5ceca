import { cronJobs } from "convex/server";

const crons = cronJobs();

crons.daily("purge", { hourUTC: 3, minuteUTC: 0 }, internal.logs.purge, {});

crons.interval(
  "drain the queue",
  { minutes: 1 },
  internal.notifications.drain,
  {},
);

export default crons;
