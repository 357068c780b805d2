A = [[1, 2], [3, 4]]
B = [[5, 6], [7, 8]]
def matmul(X, Y):
    return [[sum(X[i][k] * Y[k][j] for k in range(len(Y))) for j in range(len(Y[0]))] for i in range(len(X))]
def transpose(M):
    return [list(row) for row in zip(*M)]
print(matmul(A, B))
print(transpose([[1, 2, 3], [4, 5, 6]]))
I = [[1 if i == j else 0 for j in range(3)] for i in range(3)]
for row in I:
    print(" ".join(str(v) for v in row))
print(sum(sum(row) for row in A), max(max(r) for r in B))
flat = [v for row in B for v in row]
print(flat, [flat[i:i + 2] for i in range(0, 4, 2)])
