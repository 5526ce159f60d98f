/**
 * The deployable file itself: cloudfunctions/ocrIdcard/index.js as `npm run build` leaves it (DevTools uploads
 * it as it is). Loaded by plain node, and its `main` called the way the cloud runtime calls it.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const BUILT = path.join(ROOT, 'cloudfunctions', 'ocrIdcard', 'index.js');

type Main = (event: unknown) => Promise<{ errCode: number; errMsg: string; message: string }>;

interface BuiltFunction {
  main: Main;
  prepareImage: unknown;
}

/** A fresh copy of the module each time: `main` keeps its runtime between calls, as a warm function does. */
function loadBuilt(): BuiltFunction {
  let loaded: BuiltFunction | undefined;
  jest.isolateModules(() => {
    loaded = jest.requireActual<BuiltFunction>(BUILT);
  });
  if (!loaded) throw new Error(`${BUILT} did not load`);
  return loaded;
}

describe('the built cloud function', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    jest.restoreAllMocks();
  });

  it('loads in plain node and exports main and prepareImage as functions', () => {
    const script = "const f = require(process.argv[1]); console.log(typeof f.main, typeof f.prepareImage)";
    const out = execFileSync(process.execPath, ['-e', script, BUILT], { cwd: ROOT, encoding: 'utf8' });
    expect(out.trim()).toBe('function function');
  });

  it('answers a bad event with 40097 and writes one JSON log line', async () => {
    Object.assign(process.env, { TCB_ENV: 'test-env-1', TENCENTCLOUD: 'true', TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'y' });
    const lines: string[] = [];
    jest.spyOn(console, 'log').mockImplementation((text: string) => void lines.push(text));
    const { main } = loadBuilt();
    await expect(main({ type: 'photo', userInfo: { appId: 'wx0' } })).resolves.toMatchObject({ errCode: 40097, message: expect.any(String) });
    expect(lines.map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ event: 'ocr.idcard', errCode: 40097, source: 'none' })]);
  });

  it('answers a bad setting as a failure naming the variable, not as a crash', async () => {
    process.env.OCR_IDCARD_BUDGET_MS = 'fifteen seconds';
    const { main } = loadBuilt();
    const result = await main({ fileID: 'cloud://test-env-1.bucket/a.jpg' });
    expect(result).toMatchObject({ errCode: -1, errMsg: expect.stringContaining('OCR_IDCARD_BUDGET_MS') });
    expect(result.errMsg).not.toMatch(/\n|at .*\.js/);
  });
});
