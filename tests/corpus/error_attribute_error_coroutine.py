import asyncio

class Job:
    def __init__(self, ident):
        self.ident = ident

async def run(job):
    await asyncio.sleep(0.5)
    print("running", job.ident)
    return job.status

async def main():
    await run(Job(7))

await main()
