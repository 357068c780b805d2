import json

async def main():
    payload = '{"status": "ok", "items": [1, 2,]}'
    print("parsing", payload)
    return json.loads(payload)

await main()
