/**
 * The emulator's cloud storage: files kept in memory under `cloud://<env>.<bucket>/<path>` file IDs, handed out
 * through signed temporary URLs as TCB does (`storage.batchGetDownloadUrl`, then a plain GET).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface StoredFile {
  fileID: string;
  cloudPath: string;
  data: Buffer;
  contentType: string;
}

/** Where a temporary URL points: the file, or why it cannot be served. */
export type DownloadLookup = { file: StoredFile } | { error: 'not-found' | 'expired' | 'bad-signature' };

const CONTENT_TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' };

export class CloudStorage {
  /** TCB bucket names look like `7465-test-env-1250000000`: hex of the env's first letters, the env, an app id. */
  readonly bucket: string;
  private readonly files = new Map<string, StoredFile>();
  private readonly signingKey = randomBytes(16);

  constructor(
    readonly envId: string,
    private readonly baseUrl: () => string,
    private readonly now: () => number = Date.now,
  ) {
    this.bucket = `${Buffer.from(envId.slice(0, 2)).toString('hex')}-${envId}-1250000000`;
  }

  /**
   * Stores a file as `wx.cloud.uploadFile({ cloudPath, filePath })` does from a phone, and returns its fileID.
   * @example storage.put('idcard/front.jpg', jpegBytes) // 'cloud://local-env.6c6f-local-env-1250000000/idcard/front.jpg'
   */
  put(cloudPath: string, data: Buffer, contentType?: string): string {
    if (typeof cloudPath !== 'string' || cloudPath === '' || cloudPath.startsWith('/') || cloudPath.split('/').includes('..')) {
      throw new TypeError(`Expected a relative cloudPath without '..' segments but received ${JSON.stringify(cloudPath)}`);
    }
    if (!Buffer.isBuffer(data)) throw new TypeError('Expected a Buffer for the file content');
    const fileID = `cloud://${this.envId}.${this.bucket}/${cloudPath}`;
    this.files.set(fileID, { fileID, cloudPath, data, contentType: contentType ?? guessContentType(cloudPath) });
    return fileID;
  }

  get(fileID: string): StoredFile | undefined {
    return this.files.get(fileID);
  }

  has(fileID: string): boolean {
    return this.files.has(fileID);
  }

  /** Removes a file; false when there was none. */
  delete(fileID: string): boolean {
    return this.files.delete(fileID);
  }

  /** Every stored fileID, for tests that check what was left behind. */
  list(): string[] {
    return [...this.files.keys()];
  }

  /** A URL on the emulator that serves the file for `maxAgeSeconds`; unencoded like TCB's (the SDK encodes it). */
  temporaryUrl(file: StoredFile, maxAgeSeconds: number): string {
    const expires = Math.floor(this.now() / 1000) + maxAgeSeconds;
    return `${this.baseUrl()}/storage/${this.bucket}/${file.cloudPath}?t=${expires}&sign=${this.sign(file.cloudPath, expires)}`;
  }

  /** Resolves the path and query of a temporary URL (as received, percent-encoded) to its file. */
  lookupDownload(pathname: string, query: URLSearchParams): DownloadLookup {
    const prefix = `/storage/${this.bucket}/`;
    if (!pathname.startsWith(prefix)) return { error: 'not-found' };
    let cloudPath: string;
    try {
      cloudPath = decodeURIComponent(pathname.slice(prefix.length));
    } catch {
      return { error: 'not-found' };
    }
    const expires = Number(query.get('t'));
    const given = Buffer.from(query.get('sign') ?? '', 'utf8');
    const expected = Buffer.from(this.sign(cloudPath, expires), 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { error: 'bad-signature' };
    if (!(expires * 1000 > this.now())) return { error: 'expired' };
    const file = this.files.get(`cloud://${this.envId}.${this.bucket}/${cloudPath}`);
    return file ? { file } : { error: 'not-found' };
  }

  private sign(cloudPath: string, expires: number): string {
    return createHmac('sha256', this.signingKey).update(`${cloudPath}\n${expires}`).digest('hex').slice(0, 32);
  }
}

function guessContentType(cloudPath: string): string {
  const ext = cloudPath.slice(cloudPath.lastIndexOf('.') + 1).toLowerCase();
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}
