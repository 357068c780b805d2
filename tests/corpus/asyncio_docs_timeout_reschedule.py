import asyncio

async def main():
    loop = asyncio.get_running_loop()
    try:
        # We do not know the timeout when starting, so we pass ``None``.
        async with asyncio.timeout(None) as cm:
            # We know the timeout now, so we reschedule it.
            new_deadline = loop.time() + 2
            cm.reschedule(new_deadline)

            await asyncio.sleep(5)
    except TimeoutError:
        pass

    if cm.expired():
        print("Looks like we haven't finished on time.")
    print(f"{loop.time():.1f}")

asyncio.run(main())
