import asyncio
import time

def cpu_work(seconds):
    """CPU-bound: a busy loop that never awaits, so it blocks the event loop"""
    t0 = time.perf_counter()
    count = 0
    while time.perf_counter() - t0 < seconds:
        count += 1
    return count

async def io_task(name, delay):
    """I/O-bound: waiting lets other tasks run"""
    print(f"{name} starts at {time.perf_counter() - start:.2f}s")
    await asyncio.sleep(delay)
    print(f"{name} done at {time.perf_counter() - start:.2f}s")

async def cpu_task():
    await asyncio.sleep(0)
    print(f"cpu starts at {time.perf_counter() - start:.2f}s")
    cpu_work(0.3)
    print(f"cpu done at {time.perf_counter() - start:.2f}s")

async def main():
    await asyncio.gather(io_task("io-1", 0.2), cpu_task(), io_task("io-2", 0.5))

start = time.perf_counter()
await main()
print(f"Total: {time.perf_counter() - start:.2f}s")
