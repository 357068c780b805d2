people = [
    {"name": "ann", "age": 31, "city": "Oslo"},
    {"name": "bob", "age": 25, "city": "Rome"},
    {"name": "cy", "age": 31, "city": "Bern"},
    {"name": "di", "age": 19, "city": "Oslo"},
]
by_age = sorted(people, key=lambda p: p["age"])
print([p["name"] for p in by_age])
by_age_desc_then_name = sorted(people, key=lambda p: (-p["age"], p["name"]))
print([p["name"] for p in by_age_desc_then_name])
print([p["name"] for p in sorted(people, key=lambda p: p["city"], reverse=True)])
words = ["pear", "Fig", "apple", "date"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len))
nums = [3, -1, -4, 2]
print(sorted(nums, key=abs), max(nums, key=abs), min(nums, key=lambda n: n * n))
print(sorted([(1, "b"), (1, "a"), (0, "z")]))
