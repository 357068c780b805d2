class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"

class Label:
    def __init__(self, text):
        self.text = text
    def __str__(self):
        return f"<{self.text}>"
    def __repr__(self):
        return f"Label({self.text!r})"

p = Point(1, 2)
lab = Label("hi")
print(p, str(p), repr(p))
print(lab, str(lab), repr(lab))
print([p, lab], (lab,), {"k": lab})
print(f"{lab} {lab!r} {p}")
print("%s %r" % (lab, lab))
