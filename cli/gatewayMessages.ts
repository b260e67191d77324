/** The messages between the hub and its gateway process (cli/gatewaySupervisor.ts, cli/gatewayProcess.ts), over the IPC channel of `fork`. */

/** From the gateway process to the hub. */
export type FromGateway =
  /** It serves on `url`. */
  | { readonly type: 'ready'; readonly url: string; readonly port: number; readonly subgraphs: readonly string[] }
  /** Its /readyz asks whether the hub's listeners run. */
  | { readonly type: 'listeners?'; readonly id: number };

/** From the hub to the gateway process. */
export type ToGateway =
  /** The answer to `listeners?`: undefined while they run, else why not. */
  { readonly type: 'listeners'; readonly id: number; readonly notRunning: string | undefined };
