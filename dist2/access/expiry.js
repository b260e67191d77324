"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.whenExpired = whenExpired;
/** setTimeout's longest delay; a later expiry is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Calls `onExpired` once `principal`'s credential has expired (never for one that does not expire); returns a cancel. */
function whenExpired(principal, onExpired) {
    const expiresAt = principal.expiresAt;
    if (expiresAt === null)
        return () => undefined;
    let timer;
    const arm = () => {
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
//# sourceMappingURL=expiry.js.map