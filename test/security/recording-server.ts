/**
 * Local image servers that record every request they receive, so a test can show that a refused URL never
 * reached them. http or https (a self-signed certificate for `img.test`), on any loopback address.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';

export interface RecordedRequest {
  method: string;
  path: string;
  host: string | undefined;
  /** TLS server name the client sent (https only). */
  servername?: string;
  /** Address of the socket the request came in on (where the client connected). */
  localAddress: string;
}

export interface RecordingServer {
  requests: RecordedRequest[];
  port: number;
  address: string;
  /** `http://address:port` (IPv6 in brackets). */
  origin: string;
  close(): Promise<void>;
}

export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const fixtures = path.join(__dirname, 'fixtures');
/** The certificate of `img.test`; pass it as `ca` to trust the https server. */
export const IMG_TEST_CERT = fs.readFileSync(path.join(fixtures, 'img-test.cert.pem'));

export interface ServerOptions {
  address?: string;
  port?: number;
  tls?: boolean;
}

/** Starts a server answering with `route` and recording every request before answering it. */
export async function startRecordingServer(route: Route, options: ServerOptions = {}): Promise<RecordingServer> {
  const address = options.address ?? '127.0.0.1';
  const requests: RecordedRequest[] = [];
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      host: req.headers.host,
      servername: (req.socket as TLSSocket).servername || undefined,
      localAddress: req.socket.localAddress ?? '',
    });
    route(req, res);
  };
  const server = options.tls
    ? https.createServer({ cert: IMG_TEST_CERT, key: fs.readFileSync(path.join(fixtures, 'img-test.key.pem')) }, listener)
    : http.createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, address, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    requests,
    port,
    address,
    origin: `${options.tls ? 'https' : 'http'}://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A route answering every request with `body` as a JPEG. */
export function serveBytes(body: Buffer): Route {
  return (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': body.length });
    res.end(body);
  };
}

/** A route redirecting with `status` to `location`. */
export function redirectTo(location: string, status = 302): Route {
  return (_req, res) => {
    res.writeHead(status, { Location: location });
    res.end();
  };
}
