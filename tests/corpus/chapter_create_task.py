import asyncio
import time

async def background_task():
    """Long running task"""
    while True:
        print("Background work...")
        await asyncio.sleep(5)

async def main():
    """Main with background task"""
    # Start background task
    task = asyncio.create_task(background_task())

    # Do other work
    await asyncio.sleep(10)

    # Cancel background task
    task.cancel()

start: float = time.time()
await main()
print(f"Time: {time.time() - start:.2f}s")
