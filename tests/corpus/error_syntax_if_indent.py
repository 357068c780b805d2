# The body of an if statement must be indented.
x = 5
print("checking", x)
if x > 3:
print("big")
