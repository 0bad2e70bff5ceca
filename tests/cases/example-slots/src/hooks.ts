// @pattern frontend/reactive-query-hooks
const tasks = useQuery(api.tasks.list);

// @pattern frontend/custom-data-hooks
export function useTasks() {
  return useQuery(api.tasks.list) ?? [];
}

// @pattern frontend/placeholder-below-the-label
const count = tasks.length;

// @pattern frontend/error-boundaries
export class Boundary extends Component {}
