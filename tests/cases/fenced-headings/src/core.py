# @pattern architecture/pure-core
def total(prices: list[int]) -> int:
    return sum(prices)
