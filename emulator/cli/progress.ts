/** A one-line progress indicator on stderr, redrawn in place; silent when stderr is not a terminal (CI logs). */

export interface Progress {
  update(done: number, total: number, current: string): void;
  clear(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => undefined, clear: () => undefined };
  return {
    update(done, total, current) {
      const line = `reading ${done + 1}/${total}: ${current}`;
      stream.write(`\r\x1b[2K${line.slice(0, Math.max(10, (stream.columns ?? 80) - 1))}`);
    },
    clear() {
      stream.write('\r\x1b[2K');
    },
  };
}
