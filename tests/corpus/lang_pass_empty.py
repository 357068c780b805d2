class Empty:
    pass

def todo():
    pass

print(todo(), type(Empty()).__name__)
for i in range(2):
    pass
print("i after loop", i)
while False:
    pass
if True:
    pass
else:
    print("never")
print("end")
