/**
 * Loads sharp on first need, never at cold start. sharp's own loader tries its native binary and then its
 * WebAssembly build (`@img/sharp-wasm32`, a dependency of the function): on a cloud runtime whose glibc is too
 * old for the native binary (CentOS 7 has 2.17, sharp 0.35's binary needs 2.28) the WebAssembly build takes over. When
 * neither loads, the error is kept so images that need no work still go out and the others get 910002.
 */
export type SharpModule = typeof import('sharp').default;

/** Which build answered: the native binary, or the WebAssembly one. */
export type SharpBackend = 'native' | 'wasm';

export type SharpStatus =
  | { ok: true; sharp: SharpModule; backend: SharpBackend; loadMs: number }
  | { ok: false; error: Error; loadMs: number };

let status: SharpStatus | undefined;

/**
 * sharp, loaded once per process; the outcome (either way) is remembered.
 * @example
 * const loaded = loadSharp();
 * if (loaded.ok) console.log(loaded.backend, loaded.sharp.versions.vips);
 */
export function loadSharp(): SharpStatus {
  if (status) return status;
  const started = performance.now();
  try {
    // A plain require, kept external by the build: the cloud installs sharp from the function's package.json.
    const sharp = require('sharp') as SharpModule;
    // The operation cache keeps recent inputs alive (up to 50 MB); one image per call gains nothing from it.
    sharp.cache(false);
    status = { ok: true, sharp, backend: loadedBackend(), loadMs: performance.now() - started };
  } catch (error) {
    status = { ok: false, error: error instanceof Error ? error : new Error(String(error)), loadMs: performance.now() - started };
  }
  return status;
}

/** sharp picks its binary itself; the module cache shows which one it required. */
function loadedBackend(): SharpBackend {
  const cache = typeof require === 'function' && require.cache ? Object.keys(require.cache) : [];
  return cache.some((file) => file.includes('sharp-wasm32')) ? 'wasm' : 'native';
}
