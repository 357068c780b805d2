x = 5
print(1 < x < 10, 1 < x > 10, 0 <= x <= 5 < 6)
print(x == 5 != 6, 3 < 4 < 5 < 6 < 2)
print("apple" < "banana", "Zebra" < "apple", "abc" < "abd", "ab" < "abc")
print([1, 2, 3] < [1, 2, 4], (1, 2) < (1, 2, 0), [1, [2]] == [1, [2]])
print(1 == 1.0, 0.5 == 1 / 2, "1" == 1, None == 0)
print(max("b", "a", "c"), min([3, 1, 2]), 2 != 2.0)
a = [1, 2]
b = [1, 2]
c = a
print(a == b, a is b, a is c, a is not b)
def check(n):
    print("checked", n)
    return n
print(check(1) < check(2) < check(0) < check(3))
