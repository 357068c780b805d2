class CountUp:
    def __init__(self, limit):
        self.limit = limit
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.n >= self.limit:
            raise StopIteration
        self.n += 1
        return self.n

print(list(CountUp(4)))
it = iter([10, 20, 30])
print(next(it), next(it), next(it), next(it, "done"))
c = CountUp(3)
for x in c:
    print("x", x)
print(list(c), "exhausted")
r = range(3)
print(list(r), list(r), "ranges restart")
letters = iter("abc")
print(list(zip(letters, letters)))
