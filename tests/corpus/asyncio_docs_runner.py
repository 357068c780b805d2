import asyncio

async def step(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} at {asyncio.get_running_loop().time():.1f}")
    return name

with asyncio.Runner() as runner:
    print(runner.run(step("first", 1)))
    print(runner.run(step("second", 2)))
    print("same loop for both runs:", runner.get_loop().time())
