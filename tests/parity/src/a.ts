// Top-level file: every glob of src/ sees it.
import { http, client } from "./net";

console.log("a");
debugger;
const todo = "TODO: parity";
http.get("/users", { page: 1 });
client.post("/users", {});
http.delete("/users/1");
other.get("/x");
eval("1 + 1");
alert("untied");

export async function load() {
  const secretToken = await fetch("/token");
  const secretOk = 1;
  use(secretToken, secretOk);
  return secretToken;
}

trackEvent("opened", { screen: "home" });
trackPage(
  "settings",
  2,
);
