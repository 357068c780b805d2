import asyncio

async def worker():
    await asyncio.sleep(10)

task = asyncio.create_task(worker())
await asyncio.sleep(1)
task.cancel()
print("cancelled the worker, now awaiting it")
await task
print("never reached")
