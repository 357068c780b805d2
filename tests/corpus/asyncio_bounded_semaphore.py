import asyncio

async def main():
    sem = asyncio.BoundedSemaphore(1)
    await sem.acquire()
    print("acquired, locked =", sem.locked())
    sem.release()
    try:
        sem.release()
    except ValueError as e:
        print("ValueError:", e)
    plain = asyncio.Semaphore(1)
    plain.release()
    await plain.acquire()
    await plain.acquire()
    print("a plain Semaphore allows extra releases; locked =", plain.locked())

await main()
