import asyncio

async def job(seconds):
    await asyncio.sleep(seconds)
    me = asyncio.current_task()
    print(f"{me.get_name()} finished after {seconds}s")
    return me.get_name()

async def main():
    print("main is", asyncio.current_task().get_name())
    unnamed = asyncio.create_task(job(1))
    named = asyncio.create_task(job(2), name="downloader")
    also_unnamed = asyncio.create_task(job(0.5))
    print(unnamed.get_name(), named.get_name(), also_unnamed.get_name())
    named.set_name("renamed")
    results = await asyncio.gather(unnamed, named, also_unnamed)
    print(results)

await main()
