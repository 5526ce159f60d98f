/**
 * The page side's handle on test/e2e/cloud-host.ts: starts it in its own Node process and posts JSON to it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

export interface CloudHost {
  post<T>(route: string, body: unknown): Promise<{ status: number; body: T }>;
  stop(): void;
}

/** Starts the host and resolves once it listens; rejects with its stderr if it exits first. */
export function startCloudHost(readyWithinMs: number): Promise<CloudHost> {
  const child: ChildProcess = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['test/e2e/cloud-host.ts'], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`cloud host not ready within ${readyWithinMs} ms\n${stderr}`));
    }, readyWithinMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`cloud host exited with ${code}\n${stderr}`));
    });
    let stdout = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const ready = /READY (\d+)/.exec(stdout);
      if (!ready) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const port = Number(ready[1]);
      resolve({
        post: (route, body) => postJson(port, route, body),
        stop: () => {
          child.stdin!.end(); // the host exits when its stdin closes
        },
      });
    });
  });
}

function postJson<T>(port: number, route: string, body: unknown): Promise<{ status: number; body: T }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: route, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as T }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
