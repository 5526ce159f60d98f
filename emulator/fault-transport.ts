/** How a call suffers an injected transport fault, the same way on every endpoint. */
import type { ServerResponse } from 'node:http';
import type { Fault } from './faults';

/** Waits `ms`; the server ends all waits at once when it stops. */
export type Sleep = (ms: number) => Promise<void>;

/**
 * Applies `fault` to the answer being prepared. Returns true when the call is over (answered with 500, or the
 * connection dropped or gone while waiting); false when the endpoint should go on and answer.
 */
export async function sufferTransportFault(fault: Fault | undefined, res: ServerResponse, sleep: Sleep): Promise<boolean> {
  if (!fault) return false;
  switch (fault.kind) {
    case 'http500':
      res.writeHead(500, { 'content-length': 0 });
      res.end();
      return true;
    case 'drop':
      res.socket?.destroy();
      return true;
    case 'slow':
      await sleep(fault.ms);
      // The caller may have given up meanwhile; its socket is then gone and there is no one to answer.
      return res.destroyed || !res.socket || res.socket.destroyed;
    case 'errcode':
      return false;
  }
}

/** What the call log says of a call a transport fault ended: the status sent, or that no answer went out. */
export function transportFaultResult(kind: Fault['kind']): number | string {
  if (kind === 'http500') return 500;
  return kind === 'slow' ? 'CALLER_GONE' : 'DROPPED';
}
