import asyncio
import time

start = time.monotonic()

def log(message):
    print(f"{time.monotonic() - start:.1f}s  {message}")

async def producer(queue, count):
    for n in range(1, count + 1):
        await asyncio.sleep(0.5)  # making a job takes a while
        if queue.full():
            log(f"queue full: job {n} waits for room")
        await queue.put(f"job {n}")  # waits while the queue is full
        log(f"put job {n} (queue size {queue.qsize()})")

async def worker(name, queue):
    while True:
        job = await queue.get()
        log(f"{name} starts {job}")
        await asyncio.sleep(2.5)
        log(f"{name} finished {job}")
        queue.task_done()

async def main():
    queue = asyncio.Queue(maxsize=2)
    workers = [asyncio.create_task(worker(f"worker {n}", queue)) for n in (1, 2)]
    await producer(queue, 5)
    await queue.join()  # until task_done() was called for every job
    log("all jobs done")
    for task in workers:
        task.cancel()

await main()
