import asyncio

async def say_hello(name, delay):
    """Greet after delay"""
    await asyncio.sleep(delay)
    print(f"Hello, {name}!")

# Concurrent
async def main():
    """Run multiple greetings concurrently"""
    # Create tasks
    task1 = asyncio.create_task(say_hello("Alice", 2))
    task2 = asyncio.create_task(say_hello("Bob", 1))
    task3 = asyncio.create_task(say_hello("Charlie", 3))

    # Wait for all tasks concurrently
    await asyncio.gather(task1, task2, task3)

# Run the async program
await main()
