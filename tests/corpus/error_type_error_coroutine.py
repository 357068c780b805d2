import asyncio

async def greet(name, greeting):
    await asyncio.sleep(0.2)
    return f"{greeting}, {name}"

async def main():
    print(await greet("ann", "hi"))
    print(await greet("bob"))

await main()
