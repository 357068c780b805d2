class Account:
    interest = 0.02

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("amount must be positive")
        self.balance += amount
        return self

    def __repr__(self):
        return f"Account({self.owner!r}, {self.balance})"

    def __str__(self):
        return f"{self.owner}: {self.balance:.2f}"

a = Account("ann", 100)
a.deposit(50).deposit(25)
print(a)
print(repr(a), [a])
print(a.interest, Account.interest, hasattr(a, "owner"), getattr(a, "missing", "n/a"))
a.interest = 0.05
print(a.interest, Account.interest)
setattr(a, "nick", "A")
print(a.nick, type(a).__name__, isinstance(a, Account))
