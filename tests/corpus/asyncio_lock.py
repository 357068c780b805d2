import asyncio

balance = 100

async def withdraw(name, amount, lock):
    global balance
    async with lock:
        print(f"{name} checks balance {balance}")
        if balance >= amount:
            await asyncio.sleep(0.1)
            balance -= amount
            print(f"{name} withdrew {amount}, balance {balance}")
        else:
            print(f"{name} refused")

async def main():
    lock = asyncio.Lock()
    await asyncio.gather(withdraw("a", 70, lock), withdraw("b", 50, lock), withdraw("c", 30, lock))
    print("final", balance, "locked?", lock.locked())

await main()
