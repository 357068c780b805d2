import asyncio

async def fetch(n):
    await asyncio.sleep(n)
    if n == 2:
        raise ValueError(f"bad page {n}")
    print("fetched", n)

async def main():
    async with asyncio.TaskGroup() as tg:
        for n in (1, 2):
            tg.create_task(fetch(n))
    print("never reached")

await main()
