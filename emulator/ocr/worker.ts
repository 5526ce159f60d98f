/**
 * The worker thread: loads the models once, then reads cards one at a time in the order they were asked for.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CardReader } from './engine';
import { loadModels } from './models';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('emulator/ocr/worker must run in a worker thread');

const setup = workerData as WorkerSetup;
const send = (reply: WorkerReply) => port.postMessage(reply);
const started = performance.now();

loadModels(setup.models).then(
  (models) => {
    const reader = new CardReader(models, setup.engine);
    // One card at a time: two concurrent reads would only fight over the same cores and double the memory.
    let queue: Promise<void> = Promise.resolve();
    port.on('message', (request: WorkerRequest) => {
      queue = queue.then(async () => {
        try {
          const reading = await reader.read(Buffer.from(request.image.buffer, request.image.byteOffset, request.image.byteLength), request.mode);
          send({ kind: 'read', id: request.id, reading });
        } catch (error) {
          send({ kind: 'read-failed', id: request.id, message: error instanceof Error ? error.message : String(error) });
        }
      });
    });
    send({ kind: 'ready', loadMs: performance.now() - started });
  },
  (error: unknown) => send({ kind: 'load-failed', message: error instanceof Error ? error.message : String(error) }),
);
