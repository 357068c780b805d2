import asyncio

async def user(lock, name, arrive):
    await asyncio.sleep(arrive)
    print(f"{asyncio.get_running_loop().time():.1f} {name} arrives")
    async with lock:
        print(f"{asyncio.get_running_loop().time():.1f} {name} enters")
        await asyncio.sleep(1)

async def main():
    lock = asyncio.Lock()
    await asyncio.gather(user(lock, "c", 0.2), user(lock, "a", 0), user(lock, "b", 0.1))

await main()
