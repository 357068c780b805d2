import asyncio

async def worker(wid, jobs, results):
    while jobs:
        job = jobs.pop(0)
        await asyncio.sleep(job["cost"])
        results.append((job["id"], wid, round(asyncio.get_running_loop().time(), 2)))

async def main():
    jobs = [{"id": i, "cost": c} for i, c in enumerate([0.5, 0.2, 0.9, 0.1, 0.4, 0.3])]
    results = []
    await asyncio.gather(*(worker(w, jobs, results) for w in range(3)))
    for job_id, wid, t in results:
        print(f"job {job_id} by worker {wid} done at {t}")

await main()
