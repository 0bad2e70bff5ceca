"""The shop: what other code imports."""

from json import dumps

from payments import charge
from shop.orders import OrderService

__all__ = ["OrderService", "charge", "dumps"]
