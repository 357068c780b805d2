import asyncio

async def waiter(event, name):
    print(f"{name} waiting for the event")
    await event.wait()
    print(f"{name} woke at {asyncio.get_running_loop().time():.1f}")

async def setter(event):
    await asyncio.sleep(2)
    print("setting the event")
    event.set()

async def main():
    event = asyncio.Event()
    print("is_set:", event.is_set())
    await asyncio.gather(waiter(event, "w1"), waiter(event, "w2"), setter(event))
    print("is_set:", event.is_set())
    await event.wait()
    print("waiting on a set event returns at once")
    event.clear()
    print("after clear:", event.is_set())

await main()
