import asyncio

CACHE = {"a": 1}

async def lookup(key):
    await asyncio.sleep(0.3)
    print("looking up", key)
    return CACHE[key]

async def main():
    print(await lookup("a"))
    print(await lookup("zzz"))

asyncio.run(main())
