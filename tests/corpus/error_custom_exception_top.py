class PaymentDeclined(Exception):
    pass

def charge(amount, limit=100):
    if amount > limit:
        raise PaymentDeclined(f"amount {amount} exceeds limit {limit}")
    print("charged", amount)

charge(40)
charge(250)
