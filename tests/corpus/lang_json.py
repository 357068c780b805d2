import json

data = {"name": "Ada", "age": 36, "langs": ["py", "rs"], "ok": True, "none": None, "pi": 3.14159, "big": 1e16}
text = json.dumps(data)
print(text)
print(json.dumps(data, indent=2, sort_keys=True))
print(json.dumps([1, (2, 3), {"a": []}, {}], separators=(",", ":")))
print(json.dumps({1: "one", 2.5: "x", False: 0, None: 1}))
print(json.dumps("héllo \u2603 \U0001F600 \"quoted\" \\ tab\t"), json.dumps("é", ensure_ascii=False))
print(json.dumps([float("nan"), float("inf"), -0.0, 0.1 + 0.2]))
back = json.loads(text)
print(back == data, back["langs"], type(back["age"]).__name__, type(back["pi"]).__name__)
print(json.loads('  {"a": [1, 2.5e3, -0, "\\u00e9\\n", true, false, null], "b": {}}  '))
print(json.loads('"\\ud83d\\ude00"'), json.loads("[]"), json.loads("-12"), json.loads("1E2"))
for bad in ["", "{", '{"a" 1}', "[1,]", '{"a": 1,}', "[1] x", '"abc', "nul", '{1: 2}', '"bad \\q"', '[1 2]']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print(repr(bad), "->", e)
try:
    json.dumps({(1, 2): 3})
except TypeError as e:
    print("TypeError:", e)
try:
    json.dumps({"s": {1, 2}})
except TypeError as e:
    print("TypeError:", e)
