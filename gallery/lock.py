import asyncio
import time

start = time.monotonic()

def log(message):
    print(f"{time.monotonic() - start:.1f}s  {message}")

class Account:
    def __init__(self):
        self.balance = 0

async def deposit(who, account, amount):
    current = account.balance  # read
    await asyncio.sleep(0.1)  # e.g. a database round trip: other tasks run here
    account.balance = current + amount  # write what we read, plus amount

async def deposit_locked(who, account, amount, lock):
    async with lock:  # one task at a time from read to write
        await deposit(who, account, amount)

async def main():
    people = ["ann", "bob", "cat", "dan", "eve"]
    account = Account()
    await asyncio.gather(*(deposit(who, account, 10) for who in people))
    log(f"without a lock: balance {account.balance}, expected 50")

    account = Account()
    lock = asyncio.Lock()
    await asyncio.gather(*(deposit_locked(who, account, 10, lock) for who in people))
    log(f"with a lock:    balance {account.balance}")

await main()
