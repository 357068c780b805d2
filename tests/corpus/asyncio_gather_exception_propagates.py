import asyncio

async def slow(name, delay):
    try:
        await asyncio.sleep(delay)
        print(f"{name} completed")
        return name
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise

async def boom():
    await asyncio.sleep(1)
    raise RuntimeError("boom")

async def main():
    loop = asyncio.get_running_loop()
    try:
        await asyncio.gather(slow("a", 0.5), boom(), slow("b", 3))
    except RuntimeError as e:
        print(f"gather raised {e!r} at {loop.time():.1f}")
    await asyncio.sleep(3)
    print(f"b was not cancelled by gather; now {loop.time():.1f}")

asyncio.run(main())
