import asyncio

async def example_barrier():
    # barrier with 3 parties
    b = asyncio.Barrier(3)

    # create 2 new waiting tasks
    asyncio.create_task(b.wait())
    asyncio.create_task(b.wait())

    await asyncio.sleep(0)
    print(f"waiting: {b.n_waiting}, parties: {b.parties}, broken: {b.broken}")

    # The third .wait() call passes the barrier
    await b.wait()
    print(f"waiting: {b.n_waiting}, parties: {b.parties}, broken: {b.broken}")
    print("barrier passed")

    await asyncio.sleep(0)
    print(f"waiting: {b.n_waiting}, parties: {b.parties}, broken: {b.broken}")

asyncio.run(example_barrier())
