run_jobs
# @pattern-end backend/query-function-structure
