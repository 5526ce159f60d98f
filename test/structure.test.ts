/**
 * The project as WeChat DevTools opens and deploys it: every page in app.json has its four files, every
 * component a page uses exists, the roots named in project.config.json exist, and each cloud function folder is
 * deployable as it is (package.json, a config.json granting every open API the code calls, a built index.js
 * whose requires are all declared dependencies, no TypeScript entry beside it).
 */
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

interface ProjectConfig {
  appid?: string;
  miniprogramRoot?: string;
  cloudfunctionRoot?: string;
  setting?: { useCompilerPlugins?: string[] };
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

const project = readJson<ProjectConfig>(path.join(ROOT, 'project.config.json'));
const miniprogramRoot = path.join(ROOT, project.miniprogramRoot ?? '');
const cloudfunctionRoot = path.join(ROOT, project.cloudfunctionRoot ?? '');

describe('project.config.json', () => {
  test('names a mini-program root and a cloud function root that exist', () => {
    expect(project.miniprogramRoot).toBeTruthy();
    expect(project.cloudfunctionRoot).toBeTruthy();
    expect(fs.statSync(miniprogramRoot).isDirectory()).toBe(true);
    expect(fs.statSync(cloudfunctionRoot).isDirectory()).toBe(true);
    expect(fs.existsSync(path.join(miniprogramRoot, 'app.json'))).toBe(true);
  });

  test('compiles the TypeScript sources and has an appid field to fill in', () => {
    expect(project.setting?.useCompilerPlugins).toContain('typescript');
    expect(typeof project.appid).toBe('string');
  });
});

/** A page or component: `<base>.json`, `.wxml`, `.wxss`, and its script as `.ts` (compiled by DevTools) or `.js`. */
function missingFiles(base: string): string[] {
  const missing = ['.json', '.wxml', '.wxss'].filter((ext) => !fs.existsSync(base + ext)).map((ext) => base + ext);
  if (!fs.existsSync(`${base}.ts`) && !fs.existsSync(`${base}.js`)) missing.push(`${base}.ts`);
  return missing.map((file) => path.relative(ROOT, file));
}

/** Components a page or component uses, as file bases (`/x` is from the mini-program root, `./x` from the user). */
function usedComponents(base: string): string[] {
  const json = readJson<{ usingComponents?: Record<string, string> }>(`${base}.json`);
  return Object.values(json.usingComponents ?? {})
    .filter((ref) => !ref.startsWith('plugin://'))
    .map((ref) => (ref.startsWith('/') ? path.join(miniprogramRoot, ref) : path.resolve(path.dirname(base), ref)));
}

describe('app.json', () => {
  const app = readJson<{ pages: string[]; sitemapLocation?: string }>(path.join(miniprogramRoot, 'app.json'));

  test('lists at least one page and the app has its script', () => {
    expect(app.pages.length).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(miniprogramRoot, 'app.ts')) || fs.existsSync(path.join(miniprogramRoot, 'app.js'))).toBe(true);
    if (app.sitemapLocation) expect(fs.existsSync(path.join(miniprogramRoot, app.sitemapLocation))).toBe(true);
  });

  test('every page has its four files, and so does every component it uses (recursively)', () => {
    const seen = new Set<string>();
    const queue = app.pages.map((page) => path.join(miniprogramRoot, page));
    const missing: string[] = [];
    while (queue.length) {
      const base = queue.shift()!;
      if (seen.has(base)) continue;
      seen.add(base);
      const lacking = missingFiles(base);
      missing.push(...lacking);
      if (!lacking.some((file) => file.endsWith('.json'))) queue.push(...usedComponents(base));
    }
    expect(missing).toEqual([]);
    expect(seen.size).toBeGreaterThan(app.pages.length); // the demo page uses the capture component
  });
});

const functionDirs = fs
  .readdirSync(cloudfunctionRoot, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
  .map((entry) => entry.name);

/** `openapi.<namespace>.<api>(` calls in a file: what config.json must grant. */
function openApiCalls(code: string): string[] {
  return [...code.matchAll(/\bopenapi\.([A-Za-z]\w*)\.([A-Za-z]\w*)\s*\(/g)].map((m) => `${m[1]}.${m[2]}`);
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.(ts|js)$/.test(entry.name) ? [full] : [];
  });
}

const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

test('there is at least one cloud function', () => {
  expect(functionDirs).toContain('ocrIdcard');
});

describe.each(functionDirs)('cloud function %s', (name) => {
  const dir = path.join(cloudfunctionRoot, name);

  test('has a package.json whose entry is index.js', () => {
    const pkg = readJson<{ name?: string; main?: string; dependencies?: Record<string, string> }>(path.join(dir, 'package.json'));
    expect(pkg.main ?? 'index.js').toBe('index.js');
    expect(pkg.dependencies?.['wx-server-sdk']).toBeTruthy();
  });

  test('has a config.json granting every open API its code calls', () => {
    const config = readJson<{ permissions?: { openapi?: string[] } }>(path.join(dir, 'config.json'));
    const granted = config.permissions?.openapi ?? [];
    const files = [path.join(dir, 'index.js'), ...sourceFiles(path.join(dir, 'src'))].filter((f) => fs.existsSync(f));
    const called = new Set(files.flatMap((file) => openApiCalls(fs.readFileSync(file, 'utf8'))));
    if (name === 'ocrIdcard') expect([...called]).toContain('ocr.idcard');
    expect([...called].filter((api) => !granted.includes(api))).toEqual([]);
  });

  test('after the build: an index.js exporting main, requiring only declared dependencies, no index.ts beside it', () => {
    const entry = path.join(dir, 'index.js');
    expect(fs.existsSync(entry)).toBe(true);
    // An index.ts in the function root is uploaded too and breaks deployment; sources live in src/.
    expect(fs.existsSync(path.join(dir, 'index.ts'))).toBe(false);

    const code = fs.readFileSync(entry, 'utf8');
    const pkg = readJson<{ dependencies?: Record<string, string> }>(path.join(dir, 'package.json'));
    const required = [...code.matchAll(/\brequire\(\s*["']([^"'./][^"']*)["']\s*\)/g)].map((m) => m[1]);
    const packages = required.filter((spec) => !BUILTINS.has(spec)).map((spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/'));
    expect(packages.filter((p) => !pkg.dependencies?.[p])).toEqual([]);

    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the deployable file as the cloud does
    const loaded = require(entry) as { main?: unknown };
    expect(typeof loaded.main).toBe('function');
  });
});
