class Named:
    def __init__(self, name, **kw):
        super().__init__(**kw)
        self.name = name

class Aged:
    def __init__(self, age, **kw):
        super().__init__(**kw)
        self.age = age

class Person(Named, Aged):
    pass

p = Person(name="ann", age=31)
print(p.name, p.age)
print(sorted(vars(p)), [c.__name__ for c in Person.__mro__])
