/**
 * The README is what a user deploys from: its error table must be the code's error table, and its first
 * commands must be the scripts that exist.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ERROR_TABLE } from '../miniprogram/shared/errors';

const root = path.resolve(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const scripts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts;

describe('README', () => {
  it.each(Object.entries(ERROR_TABLE))('lists %s with its code, errMsg and Chinese message', (_name, entry) => {
    const row = readme.split('\n').find((line) => line.startsWith(`| ${entry.errCode} |`));
    expect(row).toBeDefined();
    expect(row).toContain(` ${entry.errMsg} `);
    expect(row).toContain(` ${entry.message} `);
  });

  it('opens with npm install, npm start and npm test, and those scripts exist', () => {
    const firstBlock = readme.slice(readme.indexOf('```sh'), readme.indexOf('```', readme.indexOf('```sh') + 5));
    expect(firstBlock).toMatch(/^npm install$/m);
    expect(firstBlock).toMatch(/^npm start\b/m);
    expect(firstBlock).toMatch(/^npm test\b/m);
    expect(scripts.start).toBeDefined();
    expect(scripts.test).toBeDefined();
  });

  it('names every npm script it tells the reader to run', () => {
    const named = [...readme.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(0);
    for (const script of new Set(named)) expect(scripts).toHaveProperty([script]);
  });
});
