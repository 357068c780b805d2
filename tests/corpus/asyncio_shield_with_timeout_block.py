import asyncio

async def save(data):
    await asyncio.sleep(1.5)
    print(f"{asyncio.get_running_loop().time():.1f} saved {data}")
    return len(data)

async def main():
    save_task = asyncio.create_task(save("report"))
    try:
        async with asyncio.timeout(1):
            await asyncio.shield(save_task)
    except TimeoutError:
        print(f"{asyncio.get_running_loop().time():.1f} stopped waiting; save continues")
    print("bytes:", await save_task)

await main()
