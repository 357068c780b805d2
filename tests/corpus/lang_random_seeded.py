import random

random.seed(42)
print(random.random())
print(random.randint(1, 100), random.randint(1, 6), random.randint(-5, 5))
print(random.choice(["red", "green", "blue"]), random.choice(range(10)))
deck = list(range(10))
random.shuffle(deck)
print(deck)
print(round(random.uniform(1, 2), 6), random.randrange(0, 100, 5))
print(random.sample(range(100), 5))
random.seed(42)
print(random.random(), "same again")
rolls = [random.randint(1, 6) for _ in range(12)]
print(rolls, sum(rolls))
