import asyncio
import time

start = time.monotonic()

def log(message):
    print(f"{time.monotonic() - start:.1f}s  {message}")

async def send_email(to, seconds):
    log(f"sending to {to}")
    await asyncio.sleep(seconds)
    log(f"sent to {to}")

async def main():
    asyncio.create_task(send_email("Ann", 1))  # the task is thrown away: nothing awaits it
    asyncio.create_task(send_email("Bob", 3))
    await asyncio.sleep(2)
    log("main returns, and the run ends with Bob's email still on its way")

await main()
