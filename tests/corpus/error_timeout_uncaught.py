import asyncio

async def slow():
    await asyncio.sleep(5)

async def main():
    print("waiting at most 2 seconds")
    await asyncio.wait_for(slow(), timeout=2)

asyncio.run(main())
