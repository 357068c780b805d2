import asyncio

async def fetch(name, delay):
    print(f"start {name}")
    await asyncio.sleep(delay)
    print(f"end {name}")
    return f"{name}:{delay}"

async def main():
    loop = asyncio.get_running_loop()
    results = await asyncio.gather(fetch("slow", 3), fetch("fast", 1), fetch("mid", 2))
    print("results in argument order:", results)
    print(f"elapsed {loop.time():.1f}")

asyncio.run(main())
