import asyncio

async def holder(lock):
    await lock.acquire()
    try:
        print("holder acquired, locked =", lock.locked())
        await asyncio.sleep(2)
    finally:
        lock.release()
        print(f"holder released at {asyncio.get_running_loop().time():.1f}")

async def waiter(lock, name):
    await asyncio.sleep(0.1)
    print(f"{name} waiting")
    async with lock:
        print(f"{name} got the lock at {asyncio.get_running_loop().time():.1f}")
        await asyncio.sleep(0.5)

async def main():
    lock = asyncio.Lock()
    await asyncio.gather(holder(lock), waiter(lock, "w1"), waiter(lock, "w2"))
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError:", e)

asyncio.run(main())
