/**
 * `jose` (JWT, JWS, JWKS) is ESM-only; tsc (module node16) keeps `import()`
 * as a real dynamic import in this CommonJS output, so it is loaded once, on
 * first use, through here.
 */
export type Jose = typeof import('jose', { with: { 'resolution-mode': 'import' } });

let loading: Promise<Jose> | undefined;

export function loadJose(): Promise<Jose> {
  loading ??= import('jose');
  return loading;
}
