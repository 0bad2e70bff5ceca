import { useQuery } from "convex/react";
import { api } from "../convex/_generated/api";

// @pattern frontend/loading-and-empty-states
export function TaskList() {
  const tasks = useQuery(api.tasks.list);
  if (tasks === undefined) return <p>Loading…</p>;
  if (tasks.length === 0) return <p>No tasks yet.</p>;
  return (
    <ul>
      {tasks.map((task) => (
        <li key={task._id}>{task.text}</li>
      ))}
    </ul>
  );
}

export function Page({ user }: { user: string | null }) {
  return (
    <main>
      <h1>Tasks</h1>
      {/* @pattern frontend/auth-gated-components */}
      <section className="private">
        {/* @pattern-hide-start */}
        <p className="debug">{user}</p>
        {/* @pattern-hide-end */}
        {user ? <TaskList /> : <p>Sign in to see your tasks.</p>}
      </section>
      <p>
        // @pattern frontend/loading-and-empty-states
      </p>
    </main>
  );
}
