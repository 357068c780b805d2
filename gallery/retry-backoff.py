import asyncio
import time

start = time.monotonic()

def log(message):
    print(f"{time.monotonic() - start:.1f}s  {message}")

class FlakyServer:
    """Fails the first `failures` calls, then answers."""
    def __init__(self, failures):
        self.failures = failures
        self.calls = 0

    async def fetch(self):
        self.calls += 1
        await asyncio.sleep(0.2)
        if self.calls <= self.failures:
            raise ConnectionError(f"call {self.calls} failed")
        return f"data on call {self.calls}"

async def with_retries(operation, attempts=5, first_delay=0.5):
    for attempt in range(1, attempts + 1):
        try:
            return await operation()
        except ConnectionError as error:
            if attempt == attempts:
                raise
            delay = first_delay * 2 ** (attempt - 1)  # 0.5, 1, 2, 4, ...
            log(f"{error}; retrying in {delay}s")
            await asyncio.sleep(delay)

async def main():
    log(await with_retries(FlakyServer(failures=3).fetch))
    try:
        await with_retries(FlakyServer(failures=10).fetch, attempts=3)
    except ConnectionError as error:
        log(f"gave up: {error}")

await main()
