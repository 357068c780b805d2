class Stack:
    def __init__(self):
        self.items = []
    def __contains__(self, x):
        return x in self.items
    def __iter__(self):
        return iter(reversed(self.items))
    def push(self, x):
        self.items.append(x)
s = Stack()
for i in range(3):
    s.push(i)
print(list(s), 1 in s, 5 in s)
