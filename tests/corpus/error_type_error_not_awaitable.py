import asyncio

def plain():
    return 5

async def main():
    print("about to await a plain value")
    value = await plain()
    print(value)

await main()
