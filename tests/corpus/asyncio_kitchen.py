import asyncio

async def cook(dish, minutes):
    loop = asyncio.get_running_loop()
    print(f"{loop.time():>4.1f} start {dish}")
    await asyncio.sleep(minutes)
    print(f"{loop.time():>4.1f} {dish} ready")
    return dish

async def main():
    loop = asyncio.get_running_loop()
    print("one dish at a time:")
    for dish, m in [("soup", 3), ("steak", 2), ("salad", 1)]:
        await cook(dish, m)
    print(f"sequential took {loop.time():.0f} minutes")
    begin = loop.time()
    print("all dishes at once:")
    served = await asyncio.gather(cook("soup", 3), cook("steak", 2), cook("salad", 1))
    print(f"served {served} in {loop.time() - begin:.0f} minutes")

await main()
