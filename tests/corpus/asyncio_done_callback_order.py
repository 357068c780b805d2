import asyncio

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    for i in range(3):
        fut.add_done_callback(lambda f, i=i: print(f"callback {i} sees {f.result()}"))
    loop.call_soon(print, "call_soon before set_result")
    fut.set_result("ready")
    print("set_result returned; callbacks are only scheduled")
    loop.call_soon(print, "call_soon after set_result")
    await asyncio.sleep(0)
    print("after sleep(0)")

await main()
