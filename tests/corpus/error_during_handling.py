def cleanup():
    return [][0]

try:
    print("doing work")
    int("not a number")
except ValueError:
    print("handling the ValueError")
    cleanup()
