import asyncio
import random

async def request(url):
    latency = round(random.uniform(0.1, 1.0), 2)
    await asyncio.sleep(latency)
    status = random.choice([200, 200, 200, 404, 500])
    print(f"{asyncio.get_running_loop().time():.2f} {url} -> {status} ({latency}s)")
    return status

async def main():
    random.seed(99)
    urls = [f"/page/{i}" for i in range(6)]
    statuses = await asyncio.gather(*(request(u) for u in urls))
    print("ok:", statuses.count(200), "failed:", len(statuses) - statuses.count(200))

await main()
