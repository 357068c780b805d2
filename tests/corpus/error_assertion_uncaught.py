import asyncio

async def check(balance):
    await asyncio.sleep(0.1)
    assert balance >= 0, f"negative balance {balance}"
    print("balance ok", balance)

async def main():
    for b in [10, 0, -5]:
        await check(b)

await main()
