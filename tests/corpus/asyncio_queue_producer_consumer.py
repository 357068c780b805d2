import asyncio

async def producer(queue, n):
    for i in range(n):
        await asyncio.sleep(0.5)
        await queue.put(f"item-{i}")
        print(f"{asyncio.get_running_loop().time():.1f} produced item-{i} (size {queue.qsize()})")
    await queue.put(None)

async def consumer(queue):
    while True:
        item = await queue.get()
        if item is None:
            print("consumer got the sentinel")
            break
        await asyncio.sleep(0.8)
        print(f"{asyncio.get_running_loop().time():.1f} consumed {item}")

async def main():
    queue = asyncio.Queue()
    await asyncio.gather(producer(queue, 4), consumer(queue))

await main()
