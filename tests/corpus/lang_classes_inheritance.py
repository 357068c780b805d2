class Animal:
    def __init__(self, name):
        self.name = name
    def speak(self):
        return "..."
    def intro(self):
        return f"I am {self.name} and I say {self.speak()}"

class Dog(Animal):
    def speak(self):
        return "Woof"

class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def speak(self):
        return super().speak() + " (squeaky)"

class Cat(Animal):
    pass

for pet in [Dog("Rex"), Puppy("Bit", 1), Cat("Tom")]:
    print(pet.intro())
print(isinstance(Puppy("a", 2), Animal), issubclass(Cat, Dog))
print([c.__name__ for c in Puppy.__mro__])
