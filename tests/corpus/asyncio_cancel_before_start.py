import asyncio

async def never_runs():
    print("this line is never printed")

async def main():
    task = asyncio.create_task(never_runs())
    task.cancel()
    print("cancelled before it started; done yet?", task.done())
    await asyncio.sleep(0)
    print("after one loop step: done", task.done(), "cancelled", task.cancelled())
    try:
        task.result()
    except asyncio.CancelledError:
        print("result() raises CancelledError")

await main()
