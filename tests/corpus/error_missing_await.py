import asyncio

async def get_name():
    await asyncio.sleep(0.1)
    return "ann"

async def main():
    name = get_name()
    print("hello " + name)

await main()
