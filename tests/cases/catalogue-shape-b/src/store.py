# @pattern data/repository-object
class OrderRepository:
    def get(self, order_id: int) -> dict[str, int]:
        return {"id": order_id}


# @pattern unit-of-work
def commit_all(orders: list[dict[str, int]]) -> int:
    return len(orders)
