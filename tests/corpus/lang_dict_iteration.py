scores = {"ann": 90, "bob": 72, "cy": 85}
for name in scores:
    print(name, scores[name])
for name, score in sorted(scores.items(), key=lambda kv: kv[1], reverse=True):
    print(f"{name}: {score}")
scores["di"] = 60
scores["ann"] = 95
print(list(scores))
del scores["bob"]
scores["bob"] = 70
print(list(scores.items()))
print(max(scores.values()), min(scores, key=scores.get))
first_key = next(iter(scores))
print(first_key, len(scores), sum(scores.values()) / len(scores))
inverted = {}
for k, v in scores.items():
    inverted.setdefault(v >= 80, []).append(k)
print(inverted)
