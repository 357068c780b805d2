import asyncio

class Suppress:
    def __init__(self, *kinds):
        self.kinds = kinds

    async def __aenter__(self):
        return "entered"

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0.1)
        if exc_type is not None and issubclass(exc_type, self.kinds):
            print("suppressed", exc_type.__name__, exc)
            return True
        return False

async def main():
    async with Suppress(KeyError, ValueError) as value:
        print(value)
        {}["missing"]
    print("continued after KeyError")
    async with Suppress(KeyError):
        print("no error here")
    print(f"t={asyncio.get_running_loop().time():.1f}")

asyncio.run(main())
