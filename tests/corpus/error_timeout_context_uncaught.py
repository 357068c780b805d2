import asyncio

async def main():
    async with asyncio.timeout(1.5):
        for i in range(5):
            print("step", i)
            await asyncio.sleep(1)

await main()
