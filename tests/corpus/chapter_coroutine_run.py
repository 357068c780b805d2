import asyncio

async def fetch_data():
    """Simulate fetching data from API"""
    print("Starting to fetch...")
    await asyncio.sleep(2)  # Simulates I/O operation
    print("Data fetched!")
    return {"data": "example"}

result = asyncio.run(fetch_data())
print(result)
