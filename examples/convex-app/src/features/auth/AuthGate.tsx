import { useQuery } from "convex/react";
import type { ReactNode } from "react";
import { api } from "../../../convex/_generated/api";

type CurrentUser = NonNullable<ReturnType<typeof useCurrentUser>>;

export function useCurrentUser() {
  return useQuery(api.users.current, {});
}

// @pattern frontend/auth-gated-components
/**
 * Renders `children` only for signed-in users (optionally admins only).
 * UX only: every Convex function still checks permissions itself.
 */
export function AuthGate({
  children,
  requireAdmin = false,
  signedOut = <p>Please sign in to join the conversation.</p>,
}: {
  children: (user: CurrentUser) => ReactNode;
  requireAdmin?: boolean;
  signedOut?: ReactNode;
}) {
  const user = useCurrentUser();
  if (user === undefined) return <p role="status">Checking your session…</p>;
  if (user === null) return <>{signedOut}</>;
  if (requireAdmin && user.role !== "admin") return null;
  return <>{children(user)}</>;
}
