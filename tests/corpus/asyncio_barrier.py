import asyncio

async def runner(barrier, name, prep):
    await asyncio.sleep(prep)
    print(f"{asyncio.get_running_loop().time():.1f} {name} at the barrier")
    pos = await barrier.wait()
    print(f"{asyncio.get_running_loop().time():.1f} {name} passes (index {pos})")

async def main():
    barrier = asyncio.Barrier(3)
    await asyncio.gather(runner(barrier, "a", 1), runner(barrier, "b", 3), runner(barrier, "c", 2))
    print("parties", barrier.parties, "waiting", barrier.n_waiting)

await main()
