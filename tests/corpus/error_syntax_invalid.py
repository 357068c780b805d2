# Two equal signs in a row.
x = 1
print(x)
y = = 2
print(x, y)
