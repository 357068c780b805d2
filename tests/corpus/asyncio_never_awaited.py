import asyncio

async def greet(name):
    print(f"hello {name}")

async def main():
    greet("forgotten")
    await greet("awaited")
    print("main done")

await main()
