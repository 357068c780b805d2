import asyncio

async def inner():
    return 1

async def main():
    print("inside main")
    asyncio.run(inner())

asyncio.run(main())
