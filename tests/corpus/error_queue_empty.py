import asyncio

async def main():
    queue = asyncio.Queue()
    queue.put_nowait("only")
    print(queue.get_nowait())
    print(queue.get_nowait())

await main()
