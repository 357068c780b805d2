import random

random.seed(7)
wins = 0
for game in range(5):
    a = random.randint(1, 6)
    b = random.randint(1, 6)
    result = "win" if a > b else "lose" if a < b else "tie"
    wins += result == "win"
    print(f"game {game}: {a} vs {b} -> {result}")
print("wins", wins)
names = ["ann", "bob", "cy", "di"]
random.shuffle(names)
print(names, random.choice(names))
print([round(random.uniform(0, 1), 3) for _ in range(3)])
print(random.choices("ab", k=6), random.getrandbits(8))
