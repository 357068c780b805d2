import asyncio

async def main():
    value = await asyncio.sleep(1, result="payload")
    print("sleep returned", value)
    nothing = await asyncio.sleep(0.5)
    print("default result", nothing)
    zero = await asyncio.sleep(0, result=[1, 2])
    print("sleep(0) result", zero)
    results = await asyncio.gather(asyncio.sleep(2, "slow"), asyncio.sleep(1, "fast"))
    print(results)

await main()
