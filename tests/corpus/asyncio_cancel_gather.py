import asyncio

async def child(name, delay):
    try:
        await asyncio.sleep(delay)
        print(f"{name} finished")
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise

async def main():
    group = asyncio.gather(child("a", 1), child("b", 5), child("c", 6))
    await asyncio.sleep(2)
    print("cancelling the gather")
    group.cancel()
    try:
        await group
    except asyncio.CancelledError:
        print(f"gather cancelled at {asyncio.get_running_loop().time():.1f}")

await main()
