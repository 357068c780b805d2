import asyncio

async def parse(text):
    await asyncio.sleep(0.25)
    return float(text)

async def main():
    results = []
    for t in ["1.5", "2", "two"]:
        results.append(await parse(t))
        print(results)

asyncio.run(main())
