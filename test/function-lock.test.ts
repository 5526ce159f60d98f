/**
 * The cloud installs the function's dependencies from cloudfunctions/ocrIdcard/package-lock.json; the tests run
 * against the root's node_modules. Both must be the same versions, or the cloud runs code no test ran.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

const functionLock = readJson('cloudfunctions/ocrIdcard/package-lock.json');
const functionPackage = readJson('cloudfunctions/ocrIdcard/package.json');
const rootLock = readJson('package-lock.json');

describe('the deployed function pins what the tests run', () => {
  it.each(Object.keys(functionPackage.dependencies))('%s has the same version in both lockfiles', (name) => {
    const deployed = functionLock.packages[`node_modules/${name}`]?.version;
    const tested = rootLock.packages[`node_modules/${name}`]?.version;
    expect(deployed).toBeDefined();
    expect(deployed).toBe(tested);
  });

  it('pins wx-server-sdk exactly: its gateway format is internal to Tencent', () => {
    expect(functionPackage.dependencies['wx-server-sdk']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(functionLock.packages['']?.dependencies).toEqual(functionPackage.dependencies);
  });
});
