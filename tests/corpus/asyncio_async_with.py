import asyncio

class Connection:
    def __init__(self, host):
        self.host = host
        self.open = False
    async def __aenter__(self):
        await asyncio.sleep(0.5)
        self.open = True
        print(f"{asyncio.get_running_loop().time():.1f} connected to {self.host}")
        return self
    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0.2)
        self.open = False
        print(f"{asyncio.get_running_loop().time():.1f} closed {self.host} (error: {exc_type.__name__ if exc_type else None})")
        return False
    async def query(self, q):
        await asyncio.sleep(1)
        return f"{q} -> 42 rows"

async def main():
    async with Connection("db1") as conn:
        print(await conn.query("SELECT"))
    print("open after exit:", conn.open)
    try:
        async with Connection("db2"):
            raise ConnectionError("lost")
    except ConnectionError as e:
        print("propagated:", e)
await main()
