debugger;
const todo = "TODO lib";
