import asyncio

class Step:
    def __init__(self, name, enter_cost, exit_cost):
        self.name, self.enter_cost, self.exit_cost = name, enter_cost, exit_cost
    async def __aenter__(self):
        await asyncio.sleep(self.enter_cost)
        print(f"{asyncio.get_running_loop().time():.1f} enter {self.name}")
        return self.name
    async def __aexit__(self, *exc):
        await asyncio.sleep(self.exit_cost)
        print(f"{asyncio.get_running_loop().time():.1f} exit {self.name}")

async def main():
    async with Step("outer", 0.5, 0.1) as a, Step("inner", 0.2, 0.3) as b:
        print(f"{asyncio.get_running_loop().time():.1f} body with {a} and {b}")

asyncio.run(main())
