import asyncio

async def producer(queue, n, consumers):
    for i in range(n):
        await queue.put(i)
        await asyncio.sleep(0.2)
    for _ in range(consumers):
        await queue.put(None)

async def consumer(name, queue, speed):
    handled = []
    while (item := await queue.get()) is not None:
        await asyncio.sleep(speed)
        handled.append(item)
        print(f"{asyncio.get_running_loop().time():.1f} {name} handled {item}")
    return name, handled

async def main():
    queue = asyncio.Queue()
    results = await asyncio.gather(producer(queue, 6, 2), consumer("fast", queue, 0.3), consumer("slow", queue, 0.7))
    print(results[1:])

await main()
