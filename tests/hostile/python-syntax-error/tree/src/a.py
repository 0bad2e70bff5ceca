# @pattern backend/query-function-structure
def broken(:
    pass
