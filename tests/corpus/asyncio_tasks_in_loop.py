import asyncio

async def job(i):
    await asyncio.sleep(1 + (i % 3) * 0.5)
    print(f"{asyncio.get_running_loop().time():.1f} job {i} done")
    return i * i

async def main():
    tasks = []
    for i in range(7):
        tasks.append(asyncio.create_task(job(i)))
    print("created", len(tasks), "tasks")
    results = []
    for t in tasks:
        results.append(await t)
    print(results)

await main()
