def total(*args):
    print("args", args)
    return sum(args)

def describe(**kwargs):
    for key, value in sorted(kwargs.items()):
        print(f"  {key} = {value}")

def everything(a, b=0, *rest, flag=False, **extra):
    print(a, b, rest, flag, sorted(extra.items()))

print(total(1, 2, 3), total())
describe(x=1, y="two", z=[3])
everything(1)
everything(1, 2, 3, 4, flag=True, k="v", j=0)
nums = [4, 5, 6]
opts = {"flag": True, "mode": "fast"}
everything(*nums, **opts)
print(total(*range(5)))
def pos_only(a, b, /, c):
    return a * 100 + b * 10 + c
print(pos_only(1, 2, c=3), pos_only(4, 5, 6))
