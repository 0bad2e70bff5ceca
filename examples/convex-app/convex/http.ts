import { httpRouter } from "convex/server";
import { deployWebhook } from "./webhooks";

const http = httpRouter();

http.route({
  path: "/webhooks/deploys",
  method: "POST",
  handler: deployWebhook,
});

export default http;
