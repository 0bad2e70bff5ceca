import { ConvexProvider, ConvexReactClient } from "convex/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { installConsoleOverride } from "./lib/consoleOverride";

// @pattern-start frontend/convex-provider-setup
const convexUrl = import.meta.env.VITE_CONVEX_URL as string | undefined;
if (!convexUrl) {
  throw new Error("VITE_CONVEX_URL is not set; run `npx convex dev` or add it to .env.local.");
}
// One client per page load: one WebSocket, one shared subscription cache.
const convex = new ConvexReactClient(convexUrl);

if (import.meta.env.DEV) {
  installConsoleOverride({
    convexUrl,
    context: () => ({ trace_id: sessionStorage.getItem("trace_id") ?? undefined, system_area: "web" }),
  });
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ConvexProvider client={convex}>
      <App />
    </ConvexProvider>
  </StrictMode>,
);
// @pattern-end frontend/convex-provider-setup
