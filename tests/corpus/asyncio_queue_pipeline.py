import asyncio

async def stage_one(out_q):
    for n in range(1, 5):
        await asyncio.sleep(0.3)
        await out_q.put(n)
    await out_q.put(None)

async def stage_two(in_q, out_q):
    while (n := await in_q.get()) is not None:
        await asyncio.sleep(0.5)
        await out_q.put(n * n)
    await out_q.put(None)

async def stage_three(in_q):
    total = 0
    while (sq := await in_q.get()) is not None:
        total += sq
        print(f"{asyncio.get_running_loop().time():.1f} received {sq}, running total {total}")
    return total

async def main():
    q1, q2 = asyncio.Queue(), asyncio.Queue()
    _, _, total = await asyncio.gather(stage_one(q1), stage_two(q1, q2), stage_three(q2))
    print("total", total)

await main()
