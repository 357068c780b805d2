import asyncio

async def main():
    pq = asyncio.PriorityQueue()
    for prio, task in [(3, "low"), (1, "urgent"), (2, "normal"), (1, "also urgent")]:
        await pq.put((prio, task))
    while not pq.empty():
        print("priority", await pq.get())
    lq = asyncio.LifoQueue()
    for x in "abc":
        lq.put_nowait(x)
    print("lifo", [lq.get_nowait() for _ in range(3)])

await main()
