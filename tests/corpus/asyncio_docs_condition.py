import asyncio

async def main():
    cond = asyncio.Condition()
    ready = []

    async def consumer(name):
        async with cond:
            await cond.wait()
            print(f"{name} got notified, ready = {ready}")

    consumers = [asyncio.create_task(consumer(f"c{i}")) for i in range(2)]
    await asyncio.sleep(1)
    async with cond:
        ready.append("data")
        cond.notify_all()
    await asyncio.gather(*consumers)

asyncio.run(main())
