import asyncio

async def sleeper(name, delay):
    await asyncio.sleep(delay)
    print(f"{asyncio.get_running_loop().time():.1f} {name}")

async def two_steps(name):
    await asyncio.sleep(0.5)
    await asyncio.sleep(0.5)
    print(f"{asyncio.get_running_loop().time():.1f} {name}")

async def main():
    # Every task sleeps until t=1.0: they wake in the order they went to sleep.
    await asyncio.gather(*(sleeper(f"s{i}", 1) for i in range(6)))
    # Same deadline (t=2.0) reached two ways: the timer scheduled first (at t=1.0) wins,
    # even though two_steps was started first.
    await asyncio.gather(two_steps("two-steps"), sleeper("one-step", 1.0))

await main()
