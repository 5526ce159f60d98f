/** Timers the server can end all at once when it stops, so a slow-fault wait never outlives the emulator. */

export class Sleeper {
  private readonly waits = new Map<NodeJS.Timeout, () => void>();

  /** Resolves after `ms`, or as soon as `wakeAll` is called. */
  sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waits.delete(timer);
        resolve();
      }, ms);
      this.waits.set(timer, resolve);
    });

  wakeAll(): void {
    for (const [timer, resolve] of this.waits) {
      clearTimeout(timer);
      resolve();
    }
    this.waits.clear();
  }
}
