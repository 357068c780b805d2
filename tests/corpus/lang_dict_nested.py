users = {
    "ann": {"age": 31, "langs": ["py", "rs"]},
    "bob": {"age": 25, "langs": []},
}
users["cy"] = {"age": 40, "langs": ["go"]}
for name in users:
    info = users[name]
    print(name, info["age"], ", ".join(info["langs"]) or "-")
oldest = max(users, key=lambda n: users[n]["age"])
print("oldest", oldest)
users["bob"]["langs"].append("js")
print(users["bob"])
merged = {**{"a": 1, "b": 2}, **{"b": 3, "c": 4}}
print(merged)
print({k: v for k, v in merged.items() if v > 1})
inv = {v: k for k, v in merged.items()}
print(inv)
print(list(users.items())[0][0], len(users))
d = {1: "int", 1.0: "float", True: "bool"}
print(d)
