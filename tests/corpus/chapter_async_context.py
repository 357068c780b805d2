import asyncio
import time

class AsyncResource:
    """Example async context manager"""
    async def __aenter__(self):
        print("Acquiring resource...")
        await asyncio.sleep(1)
        return self

    async def __aexit__(self, exc_type, exc_val, exc_tb):
        print("Releasing resource...")
        await asyncio.sleep(0.5)

async def main():
    """Use async context manager"""
    async with AsyncResource() as resource:
        print("Using resource")

start: float = time.time()
await main()
print(f"Time: {time.time() - start:.2f}s")
