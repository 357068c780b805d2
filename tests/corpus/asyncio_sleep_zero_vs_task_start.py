import asyncio

async def child(name):
    print(f"{name} starts")
    await asyncio.sleep(0)
    print(f"{name} resumes")

async def main():
    t1 = asyncio.create_task(child("t1"))
    print("created t1")
    t2 = asyncio.create_task(child("t2"))
    print("created t2, not started yet")
    await asyncio.sleep(0)
    print("main after first sleep(0)")
    await asyncio.sleep(0)
    print("main after second sleep(0)")
    await t1
    await t2
    print("done")

await main()
