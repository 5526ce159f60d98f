/**
 * Fault injection: tests queue what the next calls of a kind should suffer, the endpoints take one per call.
 * A fault is consumed by the call it hits, so "the next 2 calls answer -1" is `inject({ kind: 'errcode', errcode: -1 }, { times: 2 })`.
 */

/**
 * Which calls a fault hits: recognition (cloud `wx.openApi` and HTTPS `/cv/ocr/idcard`), the gateway's storage
 * actions, the GET of a temporary file URL, or the token endpoint.
 */
export type FaultScope = 'ocr' | 'storage' | 'download' | 'token';

export type Fault =
  /**
   * WeChat answers with this code. Codes of the cloud-call layer (-604101 no permission, -604001 response over 1 MB,
   * all <= -600000) come back in `CommOpenApiResp.errorCode` as the real gateway sends them; others in the JSON answer.
   */
  | { kind: 'errcode'; errcode: number; errmsg?: string }
  /** The real answer, but only after `ms` milliseconds (longer than the caller's timeout makes it time out). */
  | { kind: 'slow'; ms: number }
  /** HTTP 500 with an empty body, as a broken proxy in front of the service would. */
  | { kind: 'http500' }
  /** The connection is closed without any answer. */
  | { kind: 'drop' };

export interface InjectOptions {
  /** How many calls the fault hits (default 1). */
  times?: number;
  /** Which calls (default `ocr`). */
  scope?: FaultScope;
}

interface Planned {
  fault: Fault;
  remaining: number;
  scope: FaultScope;
}

/** Codes at or below this are system errors of the cloud-call layer rather than answers of the API itself. */
export const CLOUD_CALL_ERROR_CEILING = -600000;

export class Faults {
  private plan: Planned[] = [];

  constructor(private readonly storage: { delete(fileID: string): boolean }) {}

  /** A stored file goes missing, as when it expired or someone removed it: its download then fails. */
  loseFile(fileID: string): void {
    if (!this.storage.delete(fileID)) throw new Error(`No stored file ${fileID} to lose`);
  }

  /**
   * Queues a fault for the next `times` calls of `scope`; faults queued earlier are served first.
   * @example emulator.faults.inject({ kind: 'errcode', errcode: 45009 }, { times: 3 })
   */
  inject(fault: Fault, options: InjectOptions = {}): void {
    const times = options.times ?? 1;
    if (!Number.isInteger(times) || times < 1) {
      throw new RangeError(`Expected a positive integer for times but received ${String(times)}`);
    }
    if (fault.kind === 'slow' && !(Number.isFinite(fault.ms) && fault.ms >= 0)) {
      throw new RangeError(`Expected a non-negative number of ms for a slow fault but received ${String(fault.ms)}`);
    }
    if (fault.kind === 'errcode' && (!Number.isInteger(fault.errcode) || fault.errcode === 0)) {
      throw new RangeError(`Expected a non-zero integer errcode but received ${String(fault.errcode)}`);
    }
    const scope = options.scope ?? 'ocr';
    if (fault.kind === 'errcode' && scope === 'download') {
      throw new RangeError('Expected http500, drop or slow for a download fault but received errcode: a file GET has no errcode');
    }
    this.plan.push({ fault, remaining: times, scope });
  }

  /** The fault the current call of `scope` suffers, if any; consumes one of its remaining times. */
  take(scope: FaultScope): Fault | undefined {
    const planned = this.plan.find((p) => p.scope === scope);
    if (!planned) return undefined;
    planned.remaining -= 1;
    if (planned.remaining === 0) this.plan.splice(this.plan.indexOf(planned), 1);
    return planned.fault;
  }

  /** How many faulty calls are still queued for `scope` (all scopes when omitted). */
  pending(scope?: FaultScope): number {
    return this.plan.filter((p) => scope === undefined || p.scope === scope).reduce((n, p) => n + p.remaining, 0);
  }

  clear(): void {
    this.plan = [];
  }
}
