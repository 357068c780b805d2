import asyncio

async def take(stack):
    await asyncio.sleep(0.1)
    return stack.pop()

async def main():
    stack = [1, 2]
    for _ in range(3):
        print("took", await take(stack))

await main()
