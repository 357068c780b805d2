try:
    try:
        1 / 0
    finally:
        print("inner finally")
except ZeroDivisionError:
    print("outer caught")

def first_int(items):
    for item in items:
        try:
            return int(item)
        except ValueError:
            print("skipping", repr(item))
        finally:
            print("checked", repr(item))
    return None

print(first_int(["a", "", "7", "8"]))
print(first_int([]))
