import asyncio

async def waiter(cond, name):
    async with cond:
        print(f"{name} waits")
        await cond.wait()
        print(f"{name} notified at {asyncio.get_running_loop().time():.1f}")

async def main():
    cond = asyncio.Condition()
    tasks = [asyncio.create_task(waiter(cond, f"w{i}")) for i in range(3)]
    await asyncio.sleep(1)
    async with cond:
        cond.notify(1)
    await asyncio.sleep(1)
    async with cond:
        cond.notify_all()
    await asyncio.gather(*tasks)

asyncio.run(main())
