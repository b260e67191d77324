/** The messages between the hub and its gateway process (cli/gatewaySupervisor.ts, cli/gatewayProcess.ts), over the IPC channel of `fork`. */

/** From the gateway process to the hub. */
export type FromGateway =
  /** It serves on `url`. */
  | { readonly type: 'ready'; readonly url: string; readonly port: number; readonly subgraphs: readonly string[] }
  /** Its /readyz asks whether the hub's listeners run. */
  | { readonly type: 'listeners?'; readonly id: number }
  /** Its event loop turns: sent every second, so the hub can tell a process stuck on the CPU. */
  | { readonly type: 'alive' };

/** How often the gateway process says `alive`. */
export const HEARTBEAT_MS = 1_000;

/** From the hub to the gateway process. */
export type ToGateway =
  /** The answer to `listeners?`: undefined while they run, else why not. */
  { readonly type: 'listeners'; readonly id: number; readonly notRunning: string | undefined };
