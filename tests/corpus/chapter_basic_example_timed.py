import asyncio
import time

async def say_hello(name, delay):
    """Greet after delay"""
    await asyncio.sleep(delay)
    print(f"Hello, {name}!")

async def main():
    task1 = asyncio.create_task(say_hello("Alice", 2))
    task2 = asyncio.create_task(say_hello("Bob", 1))
    task3 = asyncio.create_task(say_hello("Charlie", 3))
    await asyncio.gather(task1, task2, task3)

start = time.time()
await main()
print(f"Time: {time.time() - start:.2f}s")
