import asyncio

def main():
    await asyncio.sleep(1)
    print("done")

main()
