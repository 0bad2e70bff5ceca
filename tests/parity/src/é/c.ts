console.log("crlf");
const todo = "TODO crlf";

function g() {
  const secretKey = 2;
  return secretKey;
}
