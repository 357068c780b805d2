import asyncio

async def heartbeat(period):
    loop = asyncio.get_running_loop()
    try:
        while True:
            print(f"{loop.time():.1f} ♥")
            await asyncio.sleep(period)
    except asyncio.CancelledError:
        print(f"{loop.time():.1f} heartbeat stopped")
        raise

async def main():
    beat = asyncio.create_task(heartbeat(0.75))
    for step in ["load", "parse", "save"]:
        await asyncio.sleep(1)
        print(f"{asyncio.get_running_loop().time():.1f} {step} done")
    beat.cancel()
    await asyncio.gather(beat, return_exceptions=True)

await main()
