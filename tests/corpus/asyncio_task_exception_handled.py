import asyncio

async def risky(n):
    await asyncio.sleep(n)
    if n % 2:
        raise ValueError(f"odd input {n}")
    return n

async def main():
    tasks = [asyncio.create_task(risky(n)) for n in range(4)]
    for t in tasks:
        try:
            print("ok", await t)
        except ValueError as e:
            print(f"{asyncio.get_running_loop().time():.0f} handled: {e}")

asyncio.run(main())
