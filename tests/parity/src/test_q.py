def test_q():
    print("ignored")
