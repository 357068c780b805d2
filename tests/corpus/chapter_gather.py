import asyncio
import time

async def task_a():
    """First task"""
    await asyncio.sleep(1)
    return "Result A"

async def task_b():
    """Second task"""
    await asyncio.sleep(2)
    return "Result B"

async def main():
    """Run tasks concurrently"""
    results = await asyncio.gather(task_a(), task_b())
    print(results)  # ['Result A', 'Result B']

start: float = time.time()
await main()
print(f"Time: {time.time() - start:.2f}s")
