import asyncio

async def main():
    q = asyncio.Queue(maxsize=2)
    q.put_nowait("a")
    q.put_nowait("b")
    try:
        q.put_nowait("c")
    except asyncio.QueueFull:
        print("QueueFull at size", q.qsize())
    print(q.get_nowait(), q.get_nowait())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty, empty() =", q.empty())
    try:
        item = await asyncio.wait_for(q.get(), timeout=0.5)
    except asyncio.TimeoutError:
        print(f"get timed out at {asyncio.get_running_loop().time():.1f}")

await main()
