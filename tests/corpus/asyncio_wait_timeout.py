import asyncio

async def job(n):
    await asyncio.sleep(n)
    return n

async def main():
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(job(n), name=f"job{n}") for n in (1, 2, 3, 4)]
    done, pending = await asyncio.wait(tasks, timeout=2.5)
    print(f"t={loop.time():.1f}")
    print("done:", sorted(t.result() for t in done))
    print("pending:", sorted(t.get_name() for t in pending))
    print("wait does not cancel:", [t.cancelled() for t in tasks])
    done, pending = await asyncio.wait(pending)
    print(f"t={loop.time():.1f} rest:", sorted(t.result() for t in done))

await main()
