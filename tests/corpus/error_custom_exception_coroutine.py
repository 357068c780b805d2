import asyncio

class ServiceUnavailable(Exception):
    def __init__(self, service, retry_after):
        super().__init__(f"{service} unavailable, retry after {retry_after}s")
        self.retry_after = retry_after

async def call(service):
    await asyncio.sleep(1)
    raise ServiceUnavailable(service, 30)

async def main():
    print("calling")
    await call("billing")

await main()
