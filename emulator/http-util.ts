/** Small helpers shared by the emulator's endpoints: read a request body, answer JSON. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Reads the whole request body. Past `limit` bytes it stops keeping them but reads on, so the caller can still
 * answer (WeChat answers an oversized image with 101002, it does not reset the connection); past four times the
 * limit it gives up on the client and closes the connection.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > limit * 4) req.destroy();
    });
    req.on('end', () => (size > limit ? reject(new BodyTooLargeError(limit)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new BodyTooLargeError(limit));
    });
  });
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
  }
}

/** Answers with a JSON body; WeChat and the TCB gateway both answer `application/json; charset=utf-8`. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
