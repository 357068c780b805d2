import asyncio

async def main():
    print("hello")
    await asyncio.sleep(1)
    print("world")
    return 42

result = asyncio.run(main())
print("asyncio.run returned", result)
