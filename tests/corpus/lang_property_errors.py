class C:
    @property
    def x(self):
        return 1
c = C()
try:
    c.x = 2
except AttributeError as e:
    print(e)
class D:
    y = property(None)
try:
    D().y
except AttributeError as e:
    print(e)
print(type(C.x).__name__, C.x.fget.__name__)
class E:
    def __init__(self):
        self._v = 0
    def get_v(self):
        return self._v
    def set_v(self, v):
        self._v = v * 2
    v = property(get_v, set_v)
e = E()
e.v = 21
print(e.v)
