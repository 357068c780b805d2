class InsufficientFunds(Exception):
    pass

class Account:
    def __init__(self, owner, balance=0.0):
        self.owner = owner
        self.balance = balance
        self.history = []

    def deposit(self, amount):
        self.balance += amount
        self.history.append(("deposit", amount))

    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(f"{self.owner} has only {self.balance:.2f}")
        self.balance -= amount
        self.history.append(("withdraw", amount))

acct = Account("ann", 50)
for op, amount in [("deposit", 25.5), ("withdraw", 30), ("withdraw", 100), ("deposit", 4.5)]:
    try:
        getattr(acct, op)(amount)
        print(f"{op:>8} {amount:>7.2f} -> {acct.balance:>7.2f}")
    except InsufficientFunds as e:
        print("refused:", e)
print(acct.history)
