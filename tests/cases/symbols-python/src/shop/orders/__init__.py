from .service import OrderService
