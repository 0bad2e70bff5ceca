"""Orders."""

import functools

RETRIES = 3
"""How many times a payment is tried."""


def logged(function):
    return function


class OrderService:
    """Places orders."""

    @logged
    @functools.cache
    def place(self, order_id: str) -> str:
        """Place one order.

        Returns its id.
        """
        return order_id

    @property
    def total(self) -> int:
        return 0
