def main():
    print("hello", 1)
    print()
