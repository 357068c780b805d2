import asyncio
import random

async def unreliable(n):
    await asyncio.sleep(0.2)
    if random.random() < 0.6:
        raise TimeoutError(f"call {n} timed out")
    return f"call {n} ok"

async def with_retries(n, attempts=4):
    delay = 0.1
    for attempt in range(1, attempts + 1):
        try:
            return await unreliable(n)
        except TimeoutError as e:
            jitter = round(random.uniform(0, 0.1), 3)
            print(f"{asyncio.get_running_loop().time():.3f} {e} (attempt {attempt}), wait {delay + jitter:.3f}")
            await asyncio.sleep(delay + jitter)
            delay *= 2
    return f"call {n} failed"

async def main():
    random.seed(11)
    print(await asyncio.gather(*(with_retries(n) for n in range(3))))

asyncio.run(main())
