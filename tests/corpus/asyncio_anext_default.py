import asyncio

async def numbers(n):
    for i in range(n):
        await asyncio.sleep(0.5)
        yield i

class Countdown:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        await asyncio.sleep(0.25)
        self.n -= 1
        return self.n

async def main():
    g = numbers(2)
    print(await anext(g, "none left"))
    print(await anext(g, "none left"))
    print(await anext(g, "none left"))
    print(await anext(numbers(0), None))
    c = Countdown(1)
    print(await anext(c, -1), await anext(c, -1))
    try:
        await anext(g)
    except StopAsyncIteration:
        print("no default: StopAsyncIteration")

await main()
