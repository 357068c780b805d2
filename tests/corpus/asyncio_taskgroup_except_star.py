import asyncio

async def fail_with(exc, delay):
    await asyncio.sleep(delay)
    raise exc

async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail_with(KeyError("k"), 1))
            tg.create_task(fail_with(ValueError("v"), 1))
            tg.create_task(fail_with(TypeError("t"), 1))
    except* KeyError as eg:
        print("KeyErrors:", [repr(e) for e in eg.exceptions])
    except* (ValueError, TypeError) as eg:
        print("Value/TypeErrors:", sorted(type(e).__name__ for e in eg.exceptions))
    print("handled all")

asyncio.run(main())
