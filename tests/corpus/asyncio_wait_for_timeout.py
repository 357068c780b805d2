import asyncio

async def slow_operation():
    try:
        print("slow operation started")
        await asyncio.sleep(10)
        print("never printed")
    except asyncio.CancelledError:
        print(f"slow operation cancelled at {asyncio.get_running_loop().time():.1f}")
        raise

async def main():
    loop = asyncio.get_running_loop()
    try:
        await asyncio.wait_for(slow_operation(), timeout=1.5)
    except asyncio.TimeoutError:
        print(f"timed out at {loop.time():.1f}")
    except TimeoutError:
        print("builtin TimeoutError")
    print(asyncio.TimeoutError is TimeoutError)

asyncio.run(main())
