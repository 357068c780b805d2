import asyncio

async def producer(queue):
    loop = asyncio.get_running_loop()
    for i in range(5):
        await queue.put(i)
        print(f"{loop.time():.1f} put {i} full={queue.full()}")
    print(f"{loop.time():.1f} producer done")

async def consumer(queue):
    loop = asyncio.get_running_loop()
    for _ in range(5):
        await asyncio.sleep(1)
        item = await queue.get()
        print(f"{loop.time():.1f} got {item}")

async def main():
    queue = asyncio.Queue(maxsize=2)
    print("maxsize", queue.maxsize, "empty", queue.empty())
    await asyncio.gather(producer(queue), consumer(queue))

asyncio.run(main())
