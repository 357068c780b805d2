def f():
    try:
        return "from try"
    finally:
        print("finally runs before return")

def g():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
            print("body", i)
        finally:
            print("finally", i)
    return "done"

def h():
    try:
        raise KeyError("k")
    except KeyError:
        return "handled"
    finally:
        print("h finally")

print(f())
print(g())
print(h())
