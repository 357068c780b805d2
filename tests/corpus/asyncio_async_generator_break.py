import asyncio

async def numbers():
    try:
        n = 0
        while True:
            await asyncio.sleep(0.25)
            yield n
            n += 1
    finally:
        print("generator cleanup")

async def main():
    agen = numbers()
    async for n in agen:
        print("got", n)
        if n == 2:
            break
    await agen.aclose()
    print(f"after break at {asyncio.get_running_loop().time():.2f}")

await main()
