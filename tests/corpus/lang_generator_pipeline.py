def read_lines():
    data = ["10", "x", "25", "", "7", "-3"]
    for line in data:
        print("read", repr(line))
        yield line

def parse(lines):
    for line in lines:
        if line.lstrip("-").isdigit():
            yield int(line)

def positive(nums):
    for n in nums:
        if n > 0:
            yield n

pipeline = positive(parse(read_lines()))
print("pipeline built, nothing read yet")
for n in pipeline:
    print("got", n)
print(sum(positive(parse(["1", "2", "-5"]))))
