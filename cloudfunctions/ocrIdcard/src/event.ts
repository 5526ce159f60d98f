/**
 * Validation of what the page sends. The event arrives as untyped JSON (plus the `userInfo` the platform adds,
 * which is ignored); this turns it into a request the handler can trust, or a 40097 failure saying what is wrong.
 */
import type { CardSide, IdcardFailure, OcrType } from '../../../miniprogram/shared/idcard';
import { failure } from './failure';
import { parseFileId } from './file-id';

export type ImageSource =
  | { kind: 'fileID'; fileID: string }
  | { kind: 'imgUrl'; url: string }
  | { kind: 'img'; contentType: string; base64: string };

/** A validated event: exactly one image source, defaults applied. */
export interface RecognitionRequest {
  type: OcrType;
  source: ImageSource;
  side?: CardSide;
  keepFile: boolean;
}

export type ParsedEvent = { ok: true; request: RecognitionRequest } | { ok: false; failure: IdcardFailure };

export interface EventRules {
  /** The function's own environment; a fileID of any other (or of an unknown own one) is refused. */
  envId: string | undefined;
  /** The largest inline image, decoded. */
  maxInputBytes: number;
}

const SOURCES = ['fileID', 'imgUrl', 'img'] as const;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

class InvalidEvent extends Error {}

/** Fields the page left out may arrive as undefined or as null (JSON): both mean absent. */
function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], fallback?: T): T | undefined {
  if (!present(value)) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new InvalidEvent(`${name} must be one of ${allowed.join(', ')} but received ${describe(value)}`);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  return `${value === null ? 'null' : typeof value}`;
}

/** The longest base64 text that decodes to at most `bytes` bytes. */
export function base64LengthFor(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

function fileSource(value: unknown, envId: string | undefined): ImageSource {
  if (typeof value !== 'string') throw new InvalidEvent(`fileID must be a string but received ${describe(value)}`);
  const parsed = parseFileId(value);
  if (!parsed) throw new InvalidEvent('fileID must look like cloud://<envId>.<bucket>/<path>');
  if (envId === undefined) throw new InvalidEvent('fileID refused: the function cannot tell its own environment (TCB_ENV / SCF_NAMESPACE unset)');
  if (parsed.envId !== envId) throw new InvalidEvent(`fileID refused: it belongs to environment ${parsed.envId}, not to this function's ${envId}`);
  return { kind: 'fileID', fileID: value };
}

function urlSource(value: unknown): ImageSource {
  // Only the type is an argument error: what the URL says (scheme, host, length) is for the URL guard to refuse,
  // with WeChat's own 101000, like every other imgUrl refusal.
  if (typeof value !== 'string') throw new InvalidEvent(`imgUrl must be a string but received ${describe(value)}`);
  return { kind: 'imgUrl', url: value };
}

function inlineSource(value: unknown, maxInputBytes: number): ImageSource {
  if (typeof value !== 'object' || value === null) throw new InvalidEvent(`img must be { contentType, value } but received ${describe(value)}`);
  const { contentType, value: base64 } = value as Record<string, unknown>;
  if (typeof contentType !== 'string' || !/^image\/[\w.+-]{1,60}$/.test(contentType)) {
    throw new InvalidEvent(`img.contentType must be an image MIME type but received ${describe(contentType)}`);
  }
  if (typeof base64 !== 'string' || base64.length === 0) throw new InvalidEvent(`img.value must be non-empty base64 but received ${describe(base64)}`);
  // Checked on the text, before anything is decoded or scanned.
  if (base64.length > base64LengthFor(maxInputBytes)) {
    throw new InvalidEvent(`img.value must decode to at most ${maxInputBytes} bytes but has ${base64.length} base64 characters`);
  }
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) throw new InvalidEvent('img.value is not base64');
  return { kind: 'img', contentType, base64 };
}

function readEvent(raw: unknown, rules: EventRules): RecognitionRequest {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InvalidEvent(`the event must be an object but received ${describe(raw)}`);
  const event = raw as Record<string, unknown>;
  const given = SOURCES.filter((name) => present(event[name]));
  if (given.length !== 1) {
    throw new InvalidEvent(`exactly one of fileID, imgUrl, img is required but received ${given.length === 0 ? 'none' : given.join(' and ')}`);
  }
  const type = oneOf('type', event.type, ['photo', 'scan'] as const, 'photo') as OcrType;
  const side = oneOf('side', event.side, ['Front', 'Back'] as const);
  if (present(event.keepFile) && typeof event.keepFile !== 'boolean') throw new InvalidEvent(`keepFile must be a boolean but received ${describe(event.keepFile)}`);
  const source =
    given[0] === 'fileID' ? fileSource(event.fileID, rules.envId) : given[0] === 'imgUrl' ? urlSource(event.imgUrl) : inlineSource(event.img, rules.maxInputBytes);
  return { type, source, ...(side ? { side } : {}), keepFile: event.keepFile === true };
}

/**
 * Validates the event from `wx.cloud.callFunction`. Never throws: bad arguments come back as a 40097 failure
 * whose errMsg names the field, the expectation and what was received (no personal data).
 * @example
 * parseEvent({ fileID: 'cloud://prod-1a2b.7072-prod/a.jpg', side: 'Front' }, { envId: 'prod-1a2b', maxInputBytes: 2e7 })
 * // { ok: true, request: { type: 'photo', source: { kind: 'fileID', ... }, side: 'Front', keepFile: false } }
 */
export function parseEvent(raw: unknown, rules: EventRules): ParsedEvent {
  try {
    return { ok: true, request: readEvent(raw, rules) };
  } catch (error) {
    if (error instanceof InvalidEvent) return { ok: false, failure: failure('INVALID_ARGS', error.message) };
    throw error;
  }
}
