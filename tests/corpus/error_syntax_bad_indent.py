import asyncio

async def greet(name):
print(f"hello {name}")

await greet("ann")
