# A string literal that is never closed.
print("before the error")
name = "world"
print("hello)
print(name)
