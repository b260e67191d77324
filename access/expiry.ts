/**
 * What is held open on a credential (a graphql-ws connection, an event
 * stream) ends when the credential expires: the token's `exp`, exactly.
 */
import type { Principal } from './principal';

/** setTimeout's longest delay; a later expiry is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Calls `onExpired` once `principal`'s credential has expired (never for one that does not expire); returns a cancel. */
export function whenExpired(principal: Principal, onExpired: () => void): () => void {
  const expiresAt = principal.expiresAt;
  if (expiresAt === null) return () => undefined;
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    const wait = expiresAt - Date.now();
    if (wait <= 0) {
      timer = undefined;
      onExpired();
      return;
    }
    timer = setTimeout(arm, Math.min(wait, MAX_TIMER_MS));
    // An expiry to come must not keep a stopping process alive.
    timer.unref();
  };
  arm();
  return () => clearTimeout(timer);
}
