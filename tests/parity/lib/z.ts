const todo = "TODO z is after m";
debugger;
