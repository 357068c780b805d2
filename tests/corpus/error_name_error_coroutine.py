import asyncio

async def report():
    await asyncio.sleep(0.5)
    print("reporting")
    print(missing_result_value)

async def main():
    await asyncio.gather(report())

asyncio.run(main())
