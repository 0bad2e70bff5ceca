/**
 * Minimal client for the (external) push notification provider, with retries.
 * Pure apart from the injected `fetchImpl`/`sleep`, so it is unit-testable.
 */

export type PushPayload = { to: string; title: string; body: string; url: string };

export type PushResult =
  | { ok: true; providerId: string }
  | { ok: false; retryable: boolean; error: string };

export type PushOptions = {
  url: string;
  apiKey: string;
  maxAttempts?: number;
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with a cap; `Retry-After` (seconds) wins when present. */
export function backoffMs(attempt: number, retryAfterHeader: string | null): number {
  const retryAfter = retryAfterHeader === null ? NaN : Number(retryAfterHeader);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) {
    return Math.min(retryAfter * 1000, 30_000);
  }
  return Math.min(250 * 2 ** (attempt - 1), 5_000);
}

// @pattern backend/external-api-integration
/**
 * Sends one push notification. Retries network errors, 429 and 5xx responses
 * with backoff; 4xx responses are permanent failures.
 */
export async function sendPush(payload: PushPayload, options: PushOptions): Promise<PushResult> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = options.maxAttempts ?? 3;
  let lastError = "no attempt made";
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let response: Response;
    try {
      response = await fetchImpl(options.url, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${options.apiKey}` },
        body: JSON.stringify(payload),
      });
    } catch (error) {
      lastError = `network error: ${error instanceof Error ? error.message : String(error)}`;
      if (attempt < maxAttempts) await sleep(backoffMs(attempt, null));
      continue;
    }
    if (response.ok) {
      const body = (await response.json().catch(() => ({}))) as { id?: unknown };
      return { ok: true, providerId: typeof body.id === "string" ? body.id : "unknown" };
    }
    lastError = `HTTP ${response.status}`;
    const retryable = response.status === 429 || response.status >= 500;
    if (!retryable) {
      return { ok: false, retryable: false, error: lastError };
    }
    if (attempt < maxAttempts) {
      await sleep(backoffMs(attempt, response.headers.get("Retry-After")));
    }
  }
  return { ok: false, retryable: true, error: lastError };
}
