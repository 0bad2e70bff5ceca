def charge(amount: int) -> bool:
    """Charge the card."""
    return amount > 0
