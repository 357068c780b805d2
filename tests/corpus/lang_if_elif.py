def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    elif n < 100:
        return "medium"
    else:
        return "large"

for n in [-5, 0, 3, 42, 1000]:
    print(n, classify(n))
grade = 83
letter = "A" if grade >= 90 else "B" if grade >= 80 else "C"
print(letter)
if []:
    print("never")
else:
    print("empty list is falsy")
if not None:
    print("None is falsy")
