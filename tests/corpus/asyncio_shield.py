import asyncio

async def critical():
    print("critical: start")
    await asyncio.sleep(2)
    print(f"critical: finished at {asyncio.get_running_loop().time():.1f}")
    return "saved"

async def main():
    loop = asyncio.get_running_loop()
    task = asyncio.create_task(critical())
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=1)
    except asyncio.TimeoutError:
        print(f"timeout at {loop.time():.1f}, but the shielded task goes on")
    print("task cancelled?", task.cancelled())
    print("result:", await task)

await main()
