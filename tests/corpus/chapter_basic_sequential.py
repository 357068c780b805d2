import asyncio
import time

async def say_hello(name, delay):
    """Greet after delay"""
    await asyncio.sleep(delay)
    print(f"Hello, {name}!")

# Sequential: each greeting waits for the previous one
async def main():
    await say_hello("Alice", 2)
    await say_hello("Bob", 1)
    await say_hello("Charlie", 3)

start = time.time()
await main()
print(f"Time: {time.time() - start:.2f}s")
