import asyncio

async def transaction():
    print("transaction: begin")
    try:
        await asyncio.sleep(5)
        print("transaction: commit")
    except asyncio.CancelledError:
        print("transaction: rollback")
        await asyncio.sleep(0.5)
        print(f"transaction: rolled back at {asyncio.get_running_loop().time():.1f}")
        raise

async def main():
    try:
        await asyncio.wait_for(transaction(), timeout=2)
    except TimeoutError:
        print(f"wait_for gave up at {asyncio.get_running_loop().time():.1f}")

asyncio.run(main())
