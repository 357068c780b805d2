import asyncio

async def background(name):
    try:
        await asyncio.sleep(10)
    finally:
        print(f"{name}: cleanup at {asyncio.get_running_loop().time():.1f}")

async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        return "swallowed the cancellation"

async def main():
    asyncio.create_task(background("logger"))
    asyncio.create_task(stubborn())
    await asyncio.sleep(1)
    print("main returns, two tasks still pending")
    return "main's result"

print(asyncio.run(main()))
print("after the first run")

async def quick():
    await asyncio.sleep(0.5)
    print("a second run, with nothing left over")

asyncio.run(quick())
