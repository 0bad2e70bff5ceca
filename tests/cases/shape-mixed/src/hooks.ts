import { useQuery } from "./server";

// @pattern frontend/server-state-via-queries
export function useTasks() {
  return useQuery("tasks");
}

// @pattern frontend/pattern-3-conditional-modal-display
export function useDismissed(key: string) {
  return localStorage.getItem(key) === "1";
}
