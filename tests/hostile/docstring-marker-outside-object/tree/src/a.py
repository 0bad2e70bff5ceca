"""Module.

@pattern backend/query-function-structure
"""

X = 1
