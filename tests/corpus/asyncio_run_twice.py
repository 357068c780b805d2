import asyncio

async def step(label, delay):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(delay)
    print(f"{label} at loop time {loop.time():.2f}")
    return label.upper()

print(asyncio.run(step("first", 1)))
print(asyncio.run(step("second", 0.5)))
print("both runs done")
