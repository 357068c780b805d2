import asyncio

async def slow_producer(queue):
    for delay in [0.3, 1.5, 0.2]:
        await asyncio.sleep(delay)
        await queue.put(delay)

async def main():
    queue = asyncio.Queue()
    producer = asyncio.create_task(slow_producer(queue))
    loop = asyncio.get_running_loop()
    for _ in range(4):
        try:
            item = await asyncio.wait_for(queue.get(), timeout=1)
            print(f"{loop.time():.1f} got {item}")
        except TimeoutError:
            print(f"{loop.time():.1f} nothing within 1s")
    await producer

await main()
