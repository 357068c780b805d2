import asyncio
import random

random.seed(3)
attempts = 0

async def flaky():
    global attempts
    attempts += 1
    await asyncio.sleep(0.1)
    if attempts < 4:
        raise ConnectionError(f"attempt {attempts} failed")
    return "success"

async def retry(coro_fn, retries=5, base=0.5):
    loop = asyncio.get_running_loop()
    for i in range(retries):
        try:
            return await coro_fn()
        except ConnectionError as e:
            delay = base * 2 ** i
            print(f"{loop.time():.2f} {e}; retrying in {delay}s")
            await asyncio.sleep(delay)
    raise RuntimeError("gave up")

result = await retry(flaky)
print(f"{asyncio.get_running_loop().time():.2f} {result} after {attempts} attempts")
