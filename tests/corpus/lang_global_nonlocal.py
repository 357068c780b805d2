counter = 0

def bump():
    global counter
    counter += 1
    return counter

bump()
bump()
print("counter", counter)

def outer():
    level = "outer"
    def middle():
        nonlocal level
        level = "middle"
        def inner():
            nonlocal level
            level = level + "+inner"
        inner()
    middle()
    return level

print(outer())

def shadow():
    counter = 99
    return counter

print(shadow(), counter)
