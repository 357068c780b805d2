# Dividing by zero at the top level.
values = [10, 5, 0]
for v in values:
    print(f"100 / {v} =", 100 / v)
print("never reached")
