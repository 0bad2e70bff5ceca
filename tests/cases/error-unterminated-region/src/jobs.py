# @pattern-start backend/query-function-structure
JOBS = []
