class DatabaseError(Exception):
    pass

def query(table):
    try:
        return {"users": 3}[table]
    except KeyError as e:
        raise DatabaseError(f"no table {table!r}") from e

print(query("users"))
print(query("orders"))
