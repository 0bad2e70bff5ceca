# @pattern-start backend/query-function-structure
JOBS = []
# @pattern-end backend/mutation-function-structure
