class Temperature:
    count = 0

    def __init__(self, celsius):
        self._c = celsius
        Temperature.count += 1

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @staticmethod
    def valid(c):
        return c >= -273.15

    @classmethod
    def from_f(cls, f):
        return cls((f - 32) * 5 / 9)

    def __str__(self):
        return f"{self._c:.1f}C"

t = Temperature(100)
print(t, t.fahrenheit)
print(Temperature.from_f(212), Temperature.valid(-300))
print(Temperature.count)
