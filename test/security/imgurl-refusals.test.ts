/**
 * Every imgUrl refusal through the built function (real wx-server-sdk, emulator): the answer is 101000 with a
 * Chinese message, and local servers that record every request show that nothing was fetched from where it must
 * not be; nothing reaches WeChat either.
 */
import { makeCardImage, type CardImage } from '../../emulator/cards';
import { answerFor, captureOutput, loadFunction, startCloud, type Capture, type Cloud, type CloudFunction } from './function-host';
import { redirectTo, serveBytes, startRecordingServer, type RecordingServer } from './recording-server';

jest.setTimeout(30_000);

let cloud: Cloud;
let card: CardImage;
/** Listens on every IPv4 address: any loopback spelling that got through would land here. */
let internal: RecordingServer;
let internalV6: RecordingServer;
/** The one host the allowlist names in the second half. */
let allowed: RecordingServer;
/** The function's log lines, kept off the test report (privacy.test.ts checks what they hold). */
let output: Capture;

beforeAll(async () => {
  output = captureOutput();
  card = await makeCardImage({ seed: 'imgurl-refusals', side: 'Front', mode: 'scan', format: 'jpeg', longEdge: 800 });
  cloud = await startCloud();
  cloud.recognizer.answer = answerFor(card);
  internal = await startRecordingServer(serveBytes(card.buffer), { address: '0.0.0.0' });
  internalV6 = await startRecordingServer(serveBytes(card.buffer), { address: '::1' });
  allowed = await startRecordingServer((req, res) => {
    const hops = /^\/hops\/(\d+)$/.exec(req.url ?? '');
    if (hops) return redirectTo(Number(hops[1]) > 1 ? `/hops/${Number(hops[1]) - 1}` : '/card.jpg')(req, res);
    if (req.url === '/to-internal') return redirectTo(`http://127.0.0.1:${internal.port}/card.jpg`)(req, res);
    if (req.url === '/to-internal-decimal') return redirectTo(`http://2130706433:${internal.port}/card.jpg`)(req, res);
    if (req.url === '/to-metadata') return redirectTo('http://169.254.169.254/latest/meta-data/')(req, res);
    if (req.url === '/to-metadata-name') return redirectTo('http://metadata.tencentyun.com/latest/meta-data/')(req, res);
    if (req.url === '/to-ftp') return redirectTo(`ftp://127.0.0.1:${internal.port}/card.jpg`)(req, res);
    if (req.url === '/huge.jpg') return serveBytes(Buffer.alloc(3_000_001))(req, res);
    return serveBytes(card.buffer)(req, res);
  });
});

afterAll(async () => {
  await Promise.all([internal, internalV6, allowed].map((s) => s?.close()));
  await cloud?.stop();
  output.restore();
});

async function expectRefused(fn: CloudFunction, imgUrl: string): Promise<string> {
  const before = cloud.recognizer.calls;
  const result = await fn.main({ imgUrl });
  expect(result).toMatchObject({ errCode: 101000, errMsg: expect.stringMatching(/^invalid image url/), message: expect.stringMatching(/[\u4e00-\u9fff]/) });
  expect(cloud.recognizer.calls).toBe(before);
  return result.errMsg;
}

describe('without an allowlist', () => {
  let fn: CloudFunction;
  beforeAll(() => {
    fn = loadFunction({ OCR_IDCARD_URL_ALLOWLIST: undefined });
  });
  afterEach(() => {
    expect(internal.requests).toEqual([]);
    expect(internalV6.requests).toEqual([]);
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['2130706433', 'loopback'],
    ['0x7f000001', 'loopback'],
    ['0177.0.0.1', 'loopback'],
    ['127.1', 'loopback'],
    ['127.0.0.1.', 'loopback'],
    ['localhost', 'loopback'],
    ['[::1]', 'loopback'],
    ['[::ffff:127.0.0.1]', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['[64:ff9b::127.0.0.1]', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['0', 'unspecified'],
    ['[::]', 'unspecified'],
  ])('refuses http://%s:<port> (%s address), connecting nowhere', async (host, words) => {
    const errMsg = await expectRefused(fn, `http://${host}:${internal.port}/card.jpg`);
    expect(errMsg).toContain(words);
    const errMsgV6 = await expectRefused(fn, `http://${host}:${internalV6.port}/card.jpg`);
    expect(errMsgV6).toContain(words);
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'metadata'],
    ['http://2852039166/latest/meta-data/', 'metadata'],
    ['http://[::ffff:169.254.169.254]/latest/meta-data/', 'metadata'],
    ['http://metadata.tencentyun.com/latest/meta-data/', 'metadata'],
    ['http://100.100.100.200/latest/meta-data/', 'metadata'],
    ['http://10.0.0.8/card.jpg', 'private'],
    ['http://172.16.3.4/card.jpg', 'private'],
    ['http://192.168.1.10/card.jpg', 'private'],
    ['http://[fd12::1]/card.jpg', 'private'],
    ['http://169.254.1.1/card.jpg', 'link-local'],
    ['http://[fe80::1]/card.jpg', 'link-local'],
    ['http://100.64.0.9/card.jpg', 'shared'],
    ['http://224.0.0.1/card.jpg', 'multicast'],
    ['http://255.255.255.255/card.jpg', 'broadcast'],
    ['http://240.0.0.1/card.jpg', 'reserved'],
    ['http://192.0.2.7/card.jpg', 'documentation'],
    ['http://intranet/card.jpg', 'private network'],
    ['ftp://img.example.com/card.jpg', 'only http and https'],
    ['file:///etc/passwd', 'only http and https'],
    ['http://user:secret@img.example.com/card.jpg', 'user name or password'],
    ['not a url', 'malformed'],
    [`https://img.example.com/${'a'.repeat(2100)}`, 'malformed'],
  ])('refuses %s (%s)', async (url, words) => {
    expect(await expectRefused(fn, url)).toContain(words);
  });
});

describe('with an allowlist naming one image server', () => {
  let fn: CloudFunction;
  beforeAll(() => {
    fn = loadFunction({ OCR_IDCARD_URL_ALLOWLIST: `127.0.0.1:${allowed.port}` });
  });
  beforeEach(() => {
    allowed.requests.length = 0;
  });
  afterEach(() => {
    expect(internal.requests).toEqual([]);
    expect(internalV6.requests).toEqual([]);
  });

  it('fetches from the named server (the tests can reach it)', async () => {
    await expect(fn.main({ imgUrl: `http://127.0.0.1:${allowed.port}/card.jpg` })).resolves.toMatchObject({ errCode: 0, type: 'Front' });
  });

  it('refuses the same server by another name or port', async () => {
    expect(await expectRefused(fn, `http://localhost:${allowed.port}/card.jpg`)).toContain('ALLOWLIST');
    expect(await expectRefused(fn, `http://127.0.0.1:${internal.port}/card.jpg`)).toContain('ALLOWLIST');
    expect(allowed.requests).toEqual([]);
  });

  it.each([
    ['/to-internal', 'ALLOWLIST'],
    ['/to-internal-decimal', 'ALLOWLIST'],
    ['/to-metadata', 'ALLOWLIST'],
    ['/to-metadata-name', 'ALLOWLIST'],
    ['/to-ftp', 'only http and https'],
  ])('refuses the redirect of %s: the first hop only is fetched', async (path, words) => {
    expect(await expectRefused(fn, `http://127.0.0.1:${allowed.port}${path}`)).toContain(words);
    expect(allowed.requests.map((r) => r.path)).toEqual([path]);
  });

  it('follows 3 redirects and refuses a 4th', async () => {
    await expect(fn.main({ imgUrl: `http://127.0.0.1:${allowed.port}/hops/3` })).resolves.toMatchObject({ errCode: 0 });
    allowed.requests.length = 0;
    expect(await expectRefused(fn, `http://127.0.0.1:${allowed.port}/hops/4`)).toContain('too many redirects');
    expect(allowed.requests.map((r) => r.path)).toEqual(['/hops/4', '/hops/3', '/hops/2', '/hops/1']);
  });

  it('refuses a body over the input cap', async () => {
    const capped = loadFunction({ OCR_IDCARD_URL_ALLOWLIST: `127.0.0.1:${allowed.port}`, OCR_IDCARD_MAX_INPUT_BYTES: '3000000' });
    expect(await expectRefused(capped, `http://127.0.0.1:${allowed.port}/huge.jpg`)).toContain('size limit');
  });
});
