import asyncio

async def fetch_page(site, page):
    await asyncio.sleep(0.1 * page + 0.05 * len(site))
    return f"{site}/{page}"

async def crawl(site, pages):
    results = await asyncio.gather(*(fetch_page(site, p) for p in range(1, pages + 1)))
    print(f"{asyncio.get_running_loop().time():.2f} crawled {site}: {len(results)} pages")
    return results

async def main():
    sites = {"a.org": 2, "bb.net": 3, "c.io": 1}
    all_pages = await asyncio.gather(*(crawl(s, n) for s, n in sites.items()))
    flat = [p for pages in all_pages for p in pages]
    print(len(flat), flat[0], flat[-1])

await main()
