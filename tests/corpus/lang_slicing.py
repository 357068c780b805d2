s = "abcdefgh"
print(s[2:5], s[:3], s[5:], s[-3:], s[:-3], s[::2], s[::-1], s[1::3])
print(s[10:], s[-100:2], s[5:2], s[::-2])
nums = list(range(10))
print(nums[2:8:2], nums[-1], nums[-4:-1], nums[8:2:-2])
nums[1:3] = ["a", "b", "c"]
print(nums)
nums[::2] = [0] * len(nums[::2])
print(nums)
del nums[:4]
print(nums)
t = (1, 2, 3, 4, 5)
print(t[1:-1], t[:0], t[::-1][:2])
copy = nums[:]
copy.append("x")
print(len(nums), len(copy))
