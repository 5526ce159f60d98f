import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchImage, ImageUrlError } from '../../cloudfunctions/ocrIdcard/src/fetch-image';

const BODY = Buffer.alloc(5000, 7);
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const hops = Number(url.searchParams.get('hops') ?? 0);
    switch (url.pathname) {
      case '/image':
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': BODY.length }).end(BODY);
        return;
      case '/chunked':
        // No content-length: the cap must hold while reading.
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        for (let i = 0; i < 10; i++) res.write(BODY);
        res.end();
        return;
      case '/redirect':
        res.writeHead(302, { location: hops > 1 ? `/redirect?hops=${hops - 1}` : '/image' }).end();
        return;
      case '/to-ftp':
        res.writeHead(301, { location: 'ftp://127.0.0.1/a.jpg' }).end();
        return;
      case '/hang':
        return; // never answers
      case '/cut':
        res.writeHead(200, { 'content-length': 100_000 });
        res.write(BODY, () => res.destroy());
        return;
      default:
        res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Loopback is refused unless named; the test server is named, as an internal image server would be.
  process.env.OCR_IDCARD_URL_ALLOWLIST = base.slice('http://'.length);
});

afterAll(async () => {
  delete process.env.OCR_IDCARD_URL_ALLOWLIST;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const OPTS = { timeoutMs: 2_000, maxBytes: 20_000 };

async function fetchFailure(url: string, opts = OPTS): Promise<ImageUrlError> {
  const error = await fetchImage(url, opts).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImageUrlError);
  expect(error).toMatchObject({ errCode: 101000, errMsg: expect.stringMatching(/^invalid image url: /) });
  return error as ImageUrlError;
}

describe('fetchImage', () => {
  it('fetches the bytes of an http URL', async () => {
    expect((await fetchImage(`${base}/image`, OPTS)).equals(BODY)).toBe(true);
  });

  it('follows up to three redirects', async () => {
    expect((await fetchImage(`${base}/redirect?hops=3`, OPTS)).equals(BODY)).toBe(true);
  });

  it('refuses a fourth redirect', async () => {
    expect((await fetchFailure(`${base}/redirect?hops=4`)).errMsg).toMatch(/too many redirects \(more than 3\)/);
  });

  it('refuses a redirect to another scheme', async () => {
    expect((await fetchFailure(`${base}/to-ftp`)).errMsg).toMatch(/only http and https/);
  });

  it('refuses an error status', async () => {
    expect((await fetchFailure(`${base}/missing`)).errMsg).toMatch(/HTTP 404/);
  });

  it('refuses a body over the cap, by its content-length and while reading', async () => {
    expect((await fetchFailure(`${base}/image`, { ...OPTS, maxBytes: 4_999 })).errMsg).toMatch(/over 4999 bytes/);
    expect((await fetchFailure(`${base}/chunked`, { ...OPTS, maxBytes: 20_000 })).errMsg).toMatch(/over 20000 bytes/);
  });

  it('gives up at the time limit on a server that never answers', async () => {
    expect((await fetchFailure(`${base}/hang`, { ...OPTS, timeoutMs: 50 })).errMsg).toMatch(/within 50 ms/);
  });

  it('refuses a loopback host the allowlist does not name, without connecting', async () => {
    expect((await fetchFailure(`http://localhost:${base.split(':')[2]}/image`)).errMsg).toMatch(/not in OCR_IDCARD_URL_ALLOWLIST/);
  });

  it('gives up at once when the budget is already spent', async () => {
    expect((await fetchFailure(`${base}/image`, { ...OPTS, timeoutMs: 0 })).errMsg).toMatch(/no time left/);
  });

  it('fails on a connection cut mid-body', async () => {
    expect((await fetchFailure(`${base}/cut`, { ...OPTS, maxBytes: 200_000 })).errMsg).toMatch(/broke while reading/);
  });

  it('fails on a refused connection and on a URL that is not http(s)', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    process.env.OCR_IDCARD_URL_ALLOWLIST += ` 127.0.0.1:${port}`;
    expect((await fetchFailure(`http://127.0.0.1:${port}/a.jpg`)).errMsg).toMatch(/network failure \(ECONNREFUSED\)/);
    await fetchFailure('file:///etc/hostname');
    await fetchFailure('not a url');
  });
});
