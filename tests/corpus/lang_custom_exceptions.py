class AppError(Exception):
    """Base error of the app"""

class NotFound(AppError):
    def __init__(self, key):
        super().__init__(f"{key!r} not found")
        self.key = key

class Invalid(AppError):
    def __init__(self, field, reason):
        self.field, self.reason = field, reason
    def __str__(self):
        return f"{self.field}: {self.reason}"

def lookup(db, key):
    if key not in db:
        raise NotFound(key)
    if db[key] < 0:
        raise Invalid(key, "negative")
    return db[key]
db = {"a": 1, "b": -2}
for key in ["a", "b", "c"]:
    try:
        print(key, lookup(db, key))
    except NotFound as e:
        print("NotFound", e, e.key, isinstance(e, AppError))
    except AppError as e:
        print(type(e).__name__, e, e.args)
print(issubclass(NotFound, Exception), NotFound.__mro__[1].__name__)
print(repr(NotFound("z")), str(Invalid("x", "y")))
