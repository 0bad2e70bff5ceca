const todo = "TODO generated";
console.log(todo);
