import asyncio

async def main():
    event = asyncio.Event()
    loop = asyncio.get_running_loop()
    try:
        await asyncio.wait_for(event.wait(), timeout=1)
    except TimeoutError:
        print(f"{loop.time():.1f} nobody set the event")
    loop.call_later(0.5, event.set)
    await asyncio.wait_for(event.wait(), timeout=1)
    print(f"{loop.time():.1f} event set in time")

await main()
