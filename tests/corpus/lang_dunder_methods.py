class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    def __eq__(self, other):
        return (self.x, self.y) == (other.x, other.y)
    def __lt__(self, other):
        return (self.x ** 2 + self.y ** 2) < (other.x ** 2 + other.y ** 2)
    def __len__(self):
        return 2
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"
    def __bool__(self):
        return bool(self.x or self.y)

v = Vec(1, 2) + Vec(3, 4)
print(v, v * 2, v == Vec(4, 6), v != Vec(0, 0))
vs = [Vec(3, 4), Vec(1, 1), Vec(0, 2)]
print(sorted(vs), min(vs), max(vs))
print(len(v), bool(Vec(0, 0)), Vec(2, 0) < Vec(0, 3))
print(str(v), f"{v}", f"{v!r}")
