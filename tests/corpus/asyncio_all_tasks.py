import asyncio

async def sleeper(n):
    await asyncio.sleep(n)

async def main():
    print("alone:", len(asyncio.all_tasks()))
    tasks = [asyncio.create_task(sleeper(n), name=f"sleeper-{n}") for n in (1, 2, 3)]
    names = sorted(t.get_name() for t in asyncio.all_tasks())
    print("running:", names)
    await asyncio.sleep(1.5)
    print("after 1.5s:", sorted(t.get_name() for t in asyncio.all_tasks()))
    await asyncio.gather(*tasks)
    print("at the end:", [t.get_name() for t in asyncio.all_tasks()])

await main()
