import asyncio

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_later(1.5, fut.set_result, "delivered")
    print("waiting for the future, done =", fut.done())
    value = await fut
    print(f"{loop.time():.1f} got {value}")
    failing = loop.create_future()
    loop.call_later(0.5, failing.set_exception, OSError("link down"))
    try:
        await failing
    except OSError as e:
        print(f"{loop.time():.1f} future raised: {e}")
    try:
        fut.set_result("again")
    except asyncio.InvalidStateError:
        print("a done future cannot be set twice")

await main()
