errors = [ZeroDivisionError, KeyError, IndexError, ValueError, TypeError, AttributeError, NameError]
for cls in errors:
    parents = [c.__name__ for c in cls.__mro__[1:]]
    print(cls.__name__, "->", " -> ".join(parents))
def trigger(kind):
    if kind == "key":
        return {}["missing"]
    if kind == "index":
        return [][0]
    if kind == "attr":
        return None.upper
    if kind == "type":
        return "a" + 1
    return 1 / 0
for kind in ["key", "index", "attr", "type", "zero"]:
    try:
        trigger(kind)
    except LookupError as e:
        print("LookupError", type(e).__name__, e)
    except Exception as e:
        print("Exception", type(e).__name__, e)
