// @pattern architecture/environment-contract
/**
 * Server-side environment variables. Every name listed here must also be
 * declared in `environments.yml`; a test keeps the two in sync.
 */
export const SERVER_ENV = {
  /** Shared secret used to sign incoming webhook deliveries. */
  WEBHOOK_SECRET: "WEBHOOK_SECRET",
  /** Endpoint of the push notification provider. */
  PUSH_API_URL: "PUSH_API_URL",
  /** API key for the push notification provider. */
  PUSH_API_KEY: "PUSH_API_KEY",
} as const;

export type ServerEnvName = keyof typeof SERVER_ENV;

// @pattern architecture/environment-contract title="One accessor that fails loudly"
export function requireEnv(name: ServerEnvName): string {
  const value = process.env[SERVER_ENV[name]];
  if (value === undefined || value === "") {
    throw new Error(
      `Missing environment variable ${name}. Set it with \`npx convex env set ${name} ...\` (see environments.yml).`,
    );
  }
  return value;
}

export function optionalEnv(name: ServerEnvName): string | undefined {
  const value = process.env[SERVER_ENV[name]];
  return value === "" ? undefined : value;
}
