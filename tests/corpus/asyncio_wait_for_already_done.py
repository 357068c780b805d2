import asyncio

async def quick():
    return "instant"

async def main():
    print(await asyncio.wait_for(quick(), timeout=0.001))
    try:
        await asyncio.wait_for(asyncio.sleep(1), timeout=0)
    except TimeoutError:
        print(f"timeout=0 times out at {asyncio.get_running_loop().time()}")
    print(await asyncio.wait_for(asyncio.sleep(0.5, result="half"), timeout=1))

await main()
