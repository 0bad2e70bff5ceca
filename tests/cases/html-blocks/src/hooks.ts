import { useQuery } from "./server";

// @pattern frontend/reactive-query-hooks
export function useTasks() {
  return useQuery("tasks");
}
