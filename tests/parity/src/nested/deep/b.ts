const é = "ü"; console.log(é); /* 😀 */ console.log("😀");
class A {
  count = 0;
  name = "b";
}
const s = "a\u2028b"; console.log(s);
const sep = " ";
console.log(sep);
async function f() { await fetch("/b"); await other(); }
