DOC = """
# @pattern backend/no-such-pattern
"""
