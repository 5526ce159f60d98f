/**
 * `npm start` as a user runs it: a separate process that starts the emulator, uploads the images, runs the
 * built function and prints one JSON line per image (or a table).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { E2E_TIMEOUT_MS } from './support';

jest.setTimeout(E2E_TIMEOUT_MS);

const ROOT = path.resolve(__dirname, '..', '..');
const run = promisify(execFile);

interface Manifest {
  file: string;
  expected: Record<string, string>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- JSON data shipped with the samples
const manifest = require('../../emulator/samples/manifest.json') as Manifest[];

/** Runs the CLI the way `npm start -- …` does (tsx, from the project root); resolves with its output and exit code. */
async function npmStart(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', ...args], { cwd: ROOT });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

it('prints one JSON object per image, with the file it read and the function result', async () => {
  const front = manifest.find((m) => m.file === 'front-scan.jpg');
  const back = manifest.find((m) => m.file === 'back-scan.jpg');
  if (!front || !back) throw new Error('the samples manifest lacks front-scan.jpg or back-scan.jpg');
  const files = ['emulator/samples/front-scan.jpg', 'emulator/samples/back-scan.jpg', 'emulator/samples/not-there.jpg'];
  const { stdout, code } = await npmStart([...files, '--type', 'scan', '--json']);

  const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(lines).toHaveLength(3);
  const { name, id, addr, gender, nationality } = front.expected;
  expect(lines[0]).toMatchObject({ file: files[0], errCode: 0, type: 'Front', name, id, addr, gender, nationality });
  expect(lines[1]).toMatchObject({ file: files[1], errCode: 0, type: 'Back', validDate: back.expected.valid_date });
  expect(lines[2]).toEqual({ file: files[2], error: 'ENOENT' });
  // Not every image could be read.
  expect(code).toBe(1);
});

it('prints a table with a summary, and exits 0 when every image was read', async () => {
  const { stdout, code } = await npmStart(['emulator/samples/back-scan.jpg', '--type', 'scan']);
  const [header, row] = stdout.split('\n');
  expect(header).toMatch(/^FILE\s+RESULT\s+SIDE\s+NAME/);
  expect(row).toMatch(/^emulator\/samples\/back-scan\.jpg\s+ok/);
  expect(stdout).toContain('1 image: 1 read, 0 failed');
  expect(code).toBe(0);
});

it('explains a bad command line and exits 2', async () => {
  const { stderr, code } = await npmStart(['--type', 'selfie']);
  expect(stderr).toContain('Expected photo or scan for --type but received "selfie"');
  expect(stderr).toContain('Usage: npm start --');
  expect(code).toBe(2);
});
