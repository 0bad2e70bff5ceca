import pathlib

pathlib.Path(__file__).with_name("PWNED").write_text("imported")


# @pattern backend/query-function-structure
def f():
    return 1
