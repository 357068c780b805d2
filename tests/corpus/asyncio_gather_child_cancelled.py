import asyncio

async def child(delay):
    await asyncio.sleep(delay)
    return delay

async def main():
    t1 = asyncio.create_task(child(1))
    t2 = asyncio.create_task(child(3))
    t2_cancel = asyncio.get_running_loop().call_later(0.5, t2.cancel)
    try:
        await asyncio.gather(t1, t2)
    except asyncio.CancelledError:
        print(f"gather raised CancelledError at {asyncio.get_running_loop().time():.1f}")
    print(t1.done(), t2.cancelled())
    print(await asyncio.gather(child(0.5), asyncio.sleep(0.1), return_exceptions=True))

await main()
