const todo = "TODO one letter";
