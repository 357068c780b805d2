import asyncio

async def main():
    items = [1, 2, 3]
    async for item in items:
        print(item)

await main()
