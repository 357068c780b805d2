import asyncio

async def task(name, steps):
    for i in range(steps):
        print(f"{name}: step {i} [Running]")
        await asyncio.sleep(1)  # [Waiting]: the loop runs someone else
    print(f"{name}: done")

async def main():
    loop = asyncio.get_running_loop()
    await asyncio.gather(task("Task 1", 2), task("Task 2", 3))
    print(f"loop time {loop.time():.1f}")

await main()
