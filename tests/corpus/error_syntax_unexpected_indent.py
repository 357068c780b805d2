# A line indented for no reason.
import asyncio

print("start")
    print("indented for no reason")
