import asyncio

async def sleeper(name, log):
    try:
        await asyncio.sleep(3)
    except asyncio.CancelledError:
        log.append(name)
        raise

async def main():
    log = []
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sleeper("one", log))
            tg.create_task(sleeper("two", log))
            await asyncio.sleep(1)
            raise LookupError("body failed")
    except* LookupError as eg:
        print("caught:", [str(e) for e in eg.exceptions])
    # The group cancels its tasks in set order: sort before printing.
    print("cancelled because the body failed:", sorted(log))
    print(f"at {asyncio.get_running_loop().time():.1f}")

await main()
