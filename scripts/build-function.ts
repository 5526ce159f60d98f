/**
 * Builds the deployable cloud function: cloudfunctions/ocrIdcard/src -> cloudfunctions/ocrIdcard/index.js,
 * one CommonJS file exporting `main` (and `prepareImage`). wx-server-sdk and sharp stay external: the cloud
 * installs them from the function's own package.json.
 */
import { buildSync } from 'esbuild';
import path from 'node:path';

const root = path.resolve(__dirname, '..', 'cloudfunctions', 'ocrIdcard');

buildSync({
  entryPoints: [path.join(root, 'src', 'index.ts')],
  outfile: path.join(root, 'index.js'),
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  external: ['wx-server-sdk', 'sharp', '@img/*'],
  banner: { js: '// Built from src/ by `npm run build`: edit the sources, not this file.' },
  legalComments: 'none',
  logLevel: 'warning',
});
