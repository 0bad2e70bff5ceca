#!/bin/sh
# @pattern backend/cron-jobs
if [ -n "$NIGHTLY" ]; then
  run_cleanup
  run_report
fi
echo done
