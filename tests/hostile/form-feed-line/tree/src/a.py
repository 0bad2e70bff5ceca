import os

# @pattern backend/query-function-structure
def list_tasks():
    return os.listdir()
