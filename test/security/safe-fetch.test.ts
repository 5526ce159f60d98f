import http from 'node:http';
import net from 'node:net';
import { ImageUrlError } from '../../cloudfunctions/ocrIdcard/src/image-url-error';
import { safeFetch, type ResolvedAddress, type Resolver, type SafeFetchOptions } from '../../cloudfunctions/ocrIdcard/src/safe-fetch';
import { parseAllowlist } from '../../cloudfunctions/ocrIdcard/src/url-guard';
import { IMG_TEST_CERT, redirectTo, serveBytes, startRecordingServer, type RecordingServer, type Route } from './recording-server';

/** A resolver that answers each name from a script (one answer per call, the last one repeated) and counts calls. */
function scriptedResolver(script: Record<string, string[][]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (host: string): Promise<ResolvedAddress[]> => {
    calls.push(host);
    const answers = script[host];
    if (!answers) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    const answer = answers[Math.min(calls.filter((h) => h === host).length - 1, answers.length - 1)];
    return answer.map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

async function refusal(url: string, options: SafeFetchOptions): Promise<ImageUrlError> {
  const error = await safeFetch(url, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImageUrlError);
  const e = error as ImageUrlError;
  expect(e.errCode).toBe(101000);
  expect(e.message).toMatch(/[\u4e00-\u9fff]/); // Chinese, for the user
  expect(e.message).not.toContain(url);
  expect(e.errMsg).not.toContain(url);
  return e;
}

const IMAGE = Buffer.from('\xff\xd8\xff\xe0 synthetic image bytes \xff\xd9', 'latin1');
const servers: RecordingServer[] = [];
async function server(route: Route, options?: Parameters<typeof startRecordingServer>[1]): Promise<RecordingServer> {
  const s = await startRecordingServer(route, options);
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  jest.restoreAllMocks();
});

describe('fetching what is allowed', () => {
  it('fetches the body from an allowlisted host, keeping the Host header', async () => {
    const img = await server(serveBytes(IMAGE));
    const result = await safeFetch(`${img.origin}/front.jpg?x=1`, { timeoutMs: 5000, allowlist: parseAllowlist(`127.0.0.1:${img.port}`) });
    expect(result.body.equals(IMAGE)).toBe(true);
    expect(result.contentType).toBe('image/jpeg');
    expect(img.requests).toEqual([expect.objectContaining({ method: 'GET', path: '/front.jpg?x=1', host: `127.0.0.1:${img.port}` })]);
  });

  it('reads the allowlist from OCR_IDCARD_URL_ALLOWLIST when none is passed', async () => {
    const img = await server(serveBytes(IMAGE));
    const saved = process.env.OCR_IDCARD_URL_ALLOWLIST;
    try {
      process.env.OCR_IDCARD_URL_ALLOWLIST = `127.0.0.1:${img.port}`;
      await expect(safeFetch(`${img.origin}/a.jpg`, { timeoutMs: 5000 })).resolves.toMatchObject({ redirects: 0 });
      delete process.env.OCR_IDCARD_URL_ALLOWLIST;
      expect((await refusal(`${img.origin}/a.jpg`, { timeoutMs: 5000 })).reason).toBe('loopback');
    } finally {
      if (saved === undefined) delete process.env.OCR_IDCARD_URL_ALLOWLIST;
      else process.env.OCR_IDCARD_URL_ALLOWLIST = saved;
    }
    expect(img.requests).toHaveLength(1);
  });

  it('fetches from an IPv6 literal that is allowlisted', async () => {
    const img = await server(serveBytes(IMAGE), { address: '::1' });
    const result = await safeFetch(`${img.origin}/a.jpg`, { timeoutMs: 5000, allowlist: parseAllowlist(`[::1]:${img.port}`) });
    expect(result.body.equals(IMAGE)).toBe(true);
  });

  it('over https, sends the name as SNI and Host and checks the certificate against the name', async () => {
    const img = await server(serveBytes(IMAGE), { tls: true });
    const resolve = scriptedResolver({ 'img.test': [['127.0.0.1']] });
    const allowlist = parseAllowlist(`img.test:${img.port}`);
    const result = await safeFetch(`https://img.test:${img.port}/a.jpg`, { timeoutMs: 5000, allowlist, resolve, ca: IMG_TEST_CERT });
    expect(result.body.equals(IMAGE)).toBe(true);
    expect(img.requests).toEqual([expect.objectContaining({ servername: 'img.test', host: `img.test:${img.port}`, localAddress: '127.0.0.1' })]);
    // Without our certificate authority the same server is not trusted.
    expect((await refusal(`https://img.test:${img.port}/a.jpg`, { timeoutMs: 5000, allowlist, resolve })).reason).toBe('network');
    expect(img.requests).toHaveLength(1);
  });
});

describe('refusals reach nothing', () => {
  it.each([
    ['loopback', (p: number) => `http://127.0.0.1:${p}/a.jpg`],
    ['loopback', (p: number) => `http://2130706433:${p}/a.jpg`],
    ['loopback', (p: number) => `http://0x7f000001:${p}/a.jpg`],
    ['loopback', (p: number) => `http://0177.0.0.1:${p}/a.jpg`],
    ['loopback', (p: number) => `http://127.1:${p}/a.jpg`],
    ['loopback', (p: number) => `http://[::ffff:127.0.0.1]:${p}/a.jpg`],
    ['loopback', (p: number) => `http://localhost:${p}/a.jpg`],
    ['unspecified', (p: number) => `http://0.0.0.0:${p}/a.jpg`],
    ['unspecified', (p: number) => `http://0:${p}/a.jpg`],
    ['credentials', (p: number) => `http://img.example.com@127.0.0.1:${p}/a.jpg`],
    ['scheme', (p: number) => `ftp://127.0.0.1:${p}/a.jpg`],
  ])('refuses (%s) %#', async (reason, url) => {
    const img = await server(serveBytes(IMAGE), { address: '0.0.0.0' });
    const resolve = scriptedResolver({});
    expect((await refusal(url(img.port), { timeoutMs: 2000, allowlist: null, resolve })).reason).toBe(reason);
    expect(img.requests).toHaveLength(0);
    expect(resolve.calls).toHaveLength(0);
  });

  it('refuses a name when any one of its addresses is not public', async () => {
    const img = await server(serveBytes(IMAGE));
    const resolve = scriptedResolver({ 'cdn.example.com': [['93.184.215.14', '127.0.0.1']], 'meta.example.com': [['169.254.169.254']] });
    expect((await refusal(`http://cdn.example.com:${img.port}/a.jpg`, { timeoutMs: 2000, allowlist: null, resolve })).reason).toBe('loopback');
    expect((await refusal(`http://meta.example.com:${img.port}/a.jpg`, { timeoutMs: 2000, allowlist: null, resolve })).reason).toBe('metadata');
    expect(img.requests).toHaveLength(0);
  });

  it('refuses the metadata names without resolving them', async () => {
    const resolve = scriptedResolver({ 'metadata.tencentyun.com': [['127.0.0.1']] });
    expect((await refusal('http://metadata.tencentyun.com/latest/meta-data/', { timeoutMs: 2000, allowlist: null, resolve })).reason).toBe('metadata');
    expect(resolve.calls).toHaveLength(0);
  });

  it('refuses a host the allowlist does not name, before resolving it', async () => {
    const img = await server(serveBytes(IMAGE));
    const resolve = scriptedResolver({ 'img.test': [['127.0.0.1']] });
    const allowlist = parseAllowlist(`img.test:${img.port + 1}`);
    expect((await refusal(`http://img.test:${img.port}/a.jpg`, { timeoutMs: 2000, allowlist, resolve })).reason).toBe('not-allowlisted');
    expect(resolve.calls).toHaveLength(0);
    expect(img.requests).toHaveLength(0);
  });

  it('fails a name that does not resolve', async () => {
    const resolve = scriptedResolver({});
    const error = await refusal('http://nowhere.example.com/a.jpg', { timeoutMs: 2000, allowlist: null, resolve });
    expect(error.reason).toBe('unresolvable');
    expect(error.errMsg).toContain('ENOTFOUND');
  });
});

describe('DNS rebinding', () => {
  it('connects to the address it checked, never to a later answer for the same name', async () => {
    // Two servers on one port: 127.0.0.2 is what the check sees, 127.0.0.1 what a second lookup would give.
    const checked = await server(serveBytes(IMAGE), { address: '127.0.0.2' });
    const rebound = await server(serveBytes(Buffer.from('internal')), { address: '127.0.0.1', port: checked.port });
    const resolve = scriptedResolver({ 'rebind.test': [['127.0.0.2'], ['127.0.0.1']] });
    const url = `http://rebind.test:${checked.port}/a.jpg`;

    const result = await safeFetch(url, { timeoutMs: 5000, allowlist: parseAllowlist(`rebind.test:${checked.port}`), resolve });
    expect(result.body.equals(IMAGE)).toBe(true);
    expect(resolve.calls).toEqual(['rebind.test']);
    expect(checked.requests).toEqual([expect.objectContaining({ host: `rebind.test:${checked.port}`, localAddress: '127.0.0.2' })]);
    expect(rebound.requests).toHaveLength(0);

    // Control: a client that resolves again at connect time does reach the rebound server.
    const lookup: net.LookupFunction = (host, options, callback) => {
      void resolve(host).then(([a]) => {
        if (options.all) callback(null, [a]);
        else callback(null, a.address, a.family);
      });
    };
    await new Promise<void>((done, fail) => http.get(url, { lookup, agent: false }, (res) => res.resume().on('end', done)).on('error', fail));
    expect(rebound.requests).toHaveLength(1);
  });

  it('a public first answer then 127.0.0.1: the socket is given the public address only', async () => {
    const internal = await server(serveBytes(Buffer.from('internal')));
    const resolve = scriptedResolver({ 'cdn.example.com': [['93.184.215.14'], ['127.0.0.1']] });
    // The public internet is the one edge that cannot run here: record where the socket would connect and fail it
    // there, so no packet leaves the machine.
    const attempted: string[] = [];
    const realConnect = net.Socket.prototype.connect;
    jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (this: net.Socket, ...args: unknown[]) {
      // net.connect hands its arguments over normalised, as one array.
      const options = (Array.isArray(args[0]) ? args[0][0] : args[0]) as net.TcpNetConnectOpts;
      if (typeof options !== 'object' || !options.lookup || net.isIP(options.host ?? '')) {
        return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args);
      }
      options.lookup(options.host ?? '', { all: false }, (err, address) => {
        attempted.push(String(address));
        process.nextTick(() => this.destroy(Object.assign(new Error('unreachable'), { code: 'ENETUNREACH' })));
      });
      return this;
    });
    const error = await refusal(`http://cdn.example.com:${internal.port}/a.jpg`, { timeoutMs: 2000, allowlist: null, resolve });
    expect(error.reason).toBe('network');
    expect(attempted).toEqual(['93.184.215.14']);
    expect(resolve.calls).toEqual(['cdn.example.com']);
    expect(internal.requests).toHaveLength(0);
  });
});

describe('redirects', () => {
  /** A chain /r1 -> /r2 -> ... -> /r<n> -> /final on one allowlisted server. */
  async function chain(hops: number): Promise<RecordingServer> {
    return server((req, res) => {
      const n = Number(/^\/r(\d+)$/.exec(req.url ?? '')?.[1] ?? 0);
      if (n > 0) redirectTo(n < hops ? `/r${n + 1}` : '/final', [301, 302, 303, 307, 308][n % 5])(req, res);
      else serveBytes(IMAGE)(req, res);
    });
  }

  it('follows 3 redirects', async () => {
    const img = await chain(3);
    const result = await safeFetch(`${img.origin}/r1`, { timeoutMs: 5000, allowlist: parseAllowlist(`127.0.0.1:${img.port}`) });
    expect(result).toMatchObject({ redirects: 3 });
    expect(img.requests.map((r) => r.path)).toEqual(['/r1', '/r2', '/r3', '/final']);
  });

  it('refuses a 4th redirect without following it', async () => {
    const img = await chain(4);
    const error = await refusal(`${img.origin}/r1`, { timeoutMs: 5000, allowlist: parseAllowlist(`127.0.0.1:${img.port}`) });
    expect(error.reason).toBe('too-many-redirects');
    expect(img.requests.map((r) => r.path)).toEqual(['/r1', '/r2', '/r3', '/r4']);
  });

  it('refuses a redirect to a host the allowlist does not name: the second server sees nothing', async () => {
    const internal = await server(serveBytes(Buffer.from('internal')));
    const img = await server(redirectTo(`${internal.origin}/secret`));
    const error = await refusal(`${img.origin}/a.jpg`, { timeoutMs: 5000, allowlist: parseAllowlist(`127.0.0.1:${img.port}`) });
    expect(error.reason).toBe('not-allowlisted');
    expect(img.requests).toHaveLength(1);
    expect(internal.requests).toHaveLength(0);
  });

  it('checks the addresses of a redirect target again', async () => {
    const second = await server(serveBytes(Buffer.from('internal')));
    const img = await server(redirectTo(`http://files.test:${second.port}/x`));
    // files.test is named, but one of its answers is the metadata address: refused whole.
    const resolve = scriptedResolver({ 'img.test': [['127.0.0.1']], 'files.test': [['127.0.0.1', '169.254.169.254']] });
    const allowlist = parseAllowlist(`img.test:${img.port} files.test:${second.port}`);
    const error = await refusal(`http://img.test:${img.port}/a.jpg`, { timeoutMs: 5000, allowlist, resolve });
    expect(error.reason).toBe('metadata');
    expect(img.requests).toHaveLength(1);
    expect(second.requests).toHaveLength(0);
  });

  it.each([
    ['metadata', 'http://169.254.169.254/latest/meta-data/'],
    ['metadata', 'http://metadata.tencentyun.com/latest/meta-data/'],
    ['scheme', 'file:///etc/passwd'],
    ['bad-url', 'http://[::1'],
  ])('refuses a redirect to %s (%s)', async (reason, location) => {
    const img = await server(redirectTo(location));
    const allowlist = parseAllowlist(`127.0.0.1:${img.port} 169.254.169.254 metadata.tencentyun.com`);
    expect((await refusal(`${img.origin}/a.jpg`, { timeoutMs: 5000, allowlist })).reason).toBe(reason);
  });

  it('refuses a redirect from https down to http', async () => {
    const plain = await server(serveBytes(IMAGE));
    const secure = await server(redirectTo(`${plain.origin}/a.jpg`), { tls: true });
    const resolve = scriptedResolver({ 'img.test': [['127.0.0.1']] });
    const allowlist = parseAllowlist(`img.test:${secure.port} 127.0.0.1:${plain.port}`);
    const error = await refusal(`https://img.test:${secure.port}/a.jpg`, { timeoutMs: 5000, allowlist, resolve, ca: IMG_TEST_CERT });
    expect(error.reason).toBe('redirect-downgrade');
    expect(secure.requests).toHaveLength(1);
    expect(plain.requests).toHaveLength(0);
  });
});

describe('size and time caps', () => {
  const MB = 1024 * 1024;
  const only = (s: RecordingServer) => parseAllowlist(`127.0.0.1:${s.port}`);

  it('refuses a body whose declared length is over the cap', async () => {
    const img = await server(serveBytes(Buffer.alloc(MB + 1)));
    const error = await refusal(`${img.origin}/big.jpg`, { timeoutMs: 5000, maxBytes: MB, allowlist: only(img) });
    expect(error.reason).toBe('too-large');
  });

  it('cuts off an endless body without a declared length at the cap', async () => {
    let sent = 0;
    const img = await server((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'image/jpeg' });
      const chunk = Buffer.alloc(64 * 1024);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) sent += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const error = await refusal(`${img.origin}/endless.jpg`, { timeoutMs: 10_000, maxBytes: MB, allowlist: only(img) });
    expect(error.reason).toBe('too-large');
    expect(sent).toBeLessThan(64 * MB); // the server was stopped, not drained
  });

  it('accepts a body of exactly the cap', async () => {
    const img = await server(serveBytes(Buffer.alloc(MB, 7)));
    const result = await safeFetch(`${img.origin}/a.jpg`, { timeoutMs: 5000, maxBytes: MB, allowlist: only(img) });
    expect(result.body.length).toBe(MB);
  });

  it('gives up on a server that never answers', async () => {
    const img = await server(() => undefined);
    expect((await refusal(`${img.origin}/a.jpg`, { timeoutMs: 300, allowlist: only(img) })).reason).toBe('timeout');
  });

  it('gives up on a body that trickles past the time cap', async () => {
    const img = await server((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'image/jpeg' });
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('x')), 20);
      res.on('close', () => clearInterval(timer));
    });
    expect((await refusal(`${img.origin}/a.jpg`, { timeoutMs: 300, allowlist: only(img) })).reason).toBe('timeout');
  });

  it('counts the time of every redirect hop against one cap', async () => {
    const img = await server((req, res) => {
      const n = Number(req.url?.slice(2) ?? 0);
      setTimeout(() => redirectTo(`/r${n + 1}`)(req, res), 120);
    });
    // Each hop alone is well under the cap; three of them are not.
    const error = await refusal(`${img.origin}/r1`, { timeoutMs: 300, maxRedirects: 10, allowlist: only(img) });
    expect(error.reason).toBe('timeout');
    expect(img.requests.length).toBeLessThanOrEqual(3);
  });

  it('gives up on a resolver that never answers', async () => {
    const resolve: Resolver = () => new Promise(() => undefined);
    expect((await refusal('http://slow.example.com/a.jpg', { timeoutMs: 200, allowlist: null, resolve })).reason).toBe('timeout');
  });

  it('fails an error status and a refused connection as 101000', async () => {
    const img = await server((_req, res) => {
      res.writeHead(404);
      res.end('not found');
    });
    const error = await refusal(`${img.origin}/a.jpg`, { timeoutMs: 5000, allowlist: only(img) });
    expect(error.reason).toBe('http-status');
    expect(error.errMsg).toContain('404');
    const closedPort = img.port;
    await img.close();
    servers.splice(servers.indexOf(img), 1);
    expect((await refusal(`http://127.0.0.1:${closedPort}/a.jpg`, { timeoutMs: 5000, allowlist: parseAllowlist(`127.0.0.1:${closedPort}`) })).reason).toBe('network');
  });

  it('fails a body cut short by the server', async () => {
    const img = await server((req, res) => {
      res.writeHead(200, { 'Content-Length': 1000 });
      res.write(Buffer.alloc(10));
      setTimeout(() => req.socket.destroy(), 20);
    });
    expect((await refusal(`${img.origin}/a.jpg`, { timeoutMs: 5000, allowlist: only(img) })).reason).toBe('network');
  });

  it('validates its own options', async () => {
    await expect(safeFetch('https://img.example.com/', { timeoutMs: 0 })).rejects.toThrow('Expected positive number for timeoutMs but received 0');
    await expect(safeFetch('https://img.example.com/', { timeoutMs: 10, maxBytes: 1.5 })).rejects.toThrow('maxBytes');
  });
});
