try:
    raise ValueError("bad value", 42)
except ValueError as e:
    print(e.args, str(e), repr(e))
try:
    raise KeyError("key")
except KeyError as e:
    print(e.args, str(e), repr(e))
try:
    raise Exception()
except Exception as e:
    print(e.args, repr(str(e)), repr(e))
e = RuntimeError("made but not raised")
print(type(e).__name__, e)
class WithCode(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code
try:
    raise WithCode("failed", 500)
except WithCode as err:
    print(err, err.code, err.args)
