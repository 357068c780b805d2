def reraise():
    try:
        int("x")
    except ValueError:
        print("logging and re-raising")
        raise
try:
    reraise()
except ValueError as e:
    print("outer got:", e)
