x = "global"

def outer():
    x = "enclosing"
    def inner():
        return x
    return inner()

def local():
    x = "local"
    return x

def uses_global():
    return x

print(outer(), local(), uses_global(), x)
len_backup = len
def len(obj):
    return "shadowed"
print(len([1, 2]))
del len
print(len([1, 2]))
def unbound():
    try:
        print(y)
    except NameError as e:
        print("NameError:", e)
unbound()
