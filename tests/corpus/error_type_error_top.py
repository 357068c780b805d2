# Adding a str and an int.
count = 3
print("count is " + str(count))
print("count is " + count)
print("never reached")
