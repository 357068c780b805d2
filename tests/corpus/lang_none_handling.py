def find(items, target):
    for i, item in enumerate(items):
        if item == target:
            return i
    return None

for t in ["b", "z"]:
    idx = find(["a", "b"], t)
    if idx is None:
        print(t, "not found")
    else:
        print(t, "at", idx)

def no_return():
    x = 1

print(no_return(), no_return() is None)
config = {"name": None, "port": 0}
print(config.get("name") or "anonymous", config.get("port") or 8080)
print(config["port"] if config["port"] is not None else 8080)
values = [3, None, 5, None]
print([v for v in values if v is not None], values.count(None))
