/** The emulator's database actions, driven by the real wx-server-sdk: what the SDK sends, the emulator understands. */
import { startEmulator, type CloudDatabase, type Emulator } from '../../emulator';

interface Command {
  inc(n: number): unknown;
  gte(n: number): unknown;
  lt(n: number): unknown;
  in(values: unknown[]): unknown;
}
interface Collection {
  doc(id: string): {
    get(): Promise<{ data: Record<string, unknown> }>;
    set(options: { data: Record<string, unknown> }): Promise<{ _id: string; stats: { updated: number; created: number } }>;
    update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>;
  };
  where(query: Record<string, unknown>): {
    get(): Promise<{ data: Record<string, unknown>[] }>;
    update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>;
  };
  add(options: { data: Record<string, unknown> }): Promise<{ _id: string }>;
}
interface Database {
  command: Command;
  collection(name: string): Collection;
  createCollection(name: string): Promise<unknown>;
}

let emulator: Emulator;
let db: CloudDatabase;
let sdk: Database;
const savedEnv = { ...process.env };

beforeAll(async () => {
  emulator = await startEmulator();
  db = emulator.database;
  Object.assign(process.env, emulator.env());
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK is CommonJS
  const cloud = require('wx-server-sdk') as { DYNAMIC_CURRENT_ENV: unknown; init(o: object): void; database(): Database };
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV, timeout: 5000 });
  sdk = cloud.database();
  await sdk.createCollection('cards');
});
afterAll(async () => {
  await emulator.stop();
  process.env = savedEnv;
});

const failureOf = (promise: Promise<unknown>) => promise.then(() => ({ errCode: 0 }), (e: { errCode: number }) => ({ errCode: e.errCode }));

it('adds a document and reads it back, dates and numbers intact', async () => {
  const { _id } = await sdk.collection('cards').add({ data: { _id: 'a', n: 1, when: new Date(Date.UTC(2025, 0, 2)), tags: ['x'] } });
  expect(_id).toBe('a');
  const { data } = await sdk.collection('cards').doc('a').get();
  expect(data).toEqual({ _id: 'a', n: 1, when: expect.anything(), tags: ['x'] });
  expect(new Date(data.when as string).toISOString()).toBe('2025-01-02T00:00:00.000Z');
});

it('generates an _id when none is given', async () => {
  const { _id } = await sdk.collection('cards').add({ data: { n: 2 } });
  expect(_id).toMatch(/^[0-9a-f]{32}$/);
});

it('refuses a duplicate _id as -502001', async () => {
  expect(await failureOf(sdk.collection('cards').add({ data: { _id: 'a', n: 9 } }))).toEqual({ errCode: -502001 });
  expect(db.document('cards', 'a')?.n).toBe(1);
});

it('increments atomically and reports how many documents changed', async () => {
  const _ = sdk.command;
  expect((await sdk.collection('cards').doc('a').update({ data: { n: _.inc(2) } })).stats.updated).toBe(1);
  expect((await sdk.collection('cards').doc('missing').update({ data: { n: _.inc(1) } })).stats.updated).toBe(0);
  expect(db.document('cards', 'a')?.n).toBe(3);
});

it('updates only where the condition holds', async () => {
  const _ = sdk.command;
  const bump = () => sdk.collection('cards').where({ _id: 'a', n: _.lt(4) }).update({ data: { n: _.inc(1) } });
  expect((await bump()).stats.updated).toBe(1);
  expect((await bump()).stats.updated).toBe(0);
  expect(db.document('cards', 'a')?.n).toBe(4);
});

it('sets plain fields, dotted paths included, with update', async () => {
  await sdk.collection('cards').doc('a').update({ data: { side: 'Front', meta: { seen: 1 } } });
  expect(db.document('cards', 'a')).toMatchObject({ n: 4, side: 'Front', meta: { seen: 1 } });
});

it('replaces or creates a whole document with set', async () => {
  const replaced = await sdk.collection('cards').doc('a').set({ data: { only: true } });
  expect(replaced.stats).toEqual({ updated: 1, created: 0 });
  expect(db.document('cards', 'a')).toEqual({ _id: 'a', only: true });
  const created = await sdk.collection('cards').doc('b').set({ data: { n: 7 } });
  expect(created.stats).toEqual({ updated: 0, created: 1 });
  expect(db.document('cards', 'b')).toEqual({ _id: 'b', n: 7 });
});

it('queries with comparison operators', async () => {
  const _ = sdk.command;
  const { data } = await sdk.collection('cards').where({ n: _.gte(2) }).get();
  expect(data.map((d) => d.n).sort()).toEqual([2, 7]);
  expect((await sdk.collection('cards').where({ _id: _.in(['b']) }).get()).data).toHaveLength(1);
});

it('answers -502005 for a collection nobody created, and refuses to create one twice', async () => {
  expect(await failureOf(sdk.collection('nowhere').add({ data: { n: 1 } }))).toEqual({ errCode: -502005 });
  expect(await failureOf(sdk.collection('nowhere').where({ n: 1 }).update({ data: { n: 2 } }))).toEqual({ errCode: -502005 });
  // wx-server-sdk reports every createCollection failure as -1, whatever TCB's code.
  expect(await failureOf(sdk.createCollection('cards'))).toEqual({ errCode: -1 });
  expect(db.document('cards', 'b')).toBeDefined();
});

it('refuses an operator it does not know rather than ignoring it', () => {
  // The SDK's own commands are all known; a raw operator reaches the database's table directly.
  expect(() => db.modify('cards', { _id: 'b' }, { $push: { tags: 'y' } }, { multi: false, merge: true, upsert: false })).toThrow(
    'update operator $push is not supported',
  );
  expect(() => db.find('cards', { n: { $regex: 'x' } })).toThrow('query operator $regex is not supported');
});

it('answers every action with the outage while one is set', async () => {
  db.outage = { code: 'DATABASE_REQUEST_FAILED', message: 'down' };
  try {
    expect(await failureOf(sdk.collection('cards').doc('b').get())).toEqual({ errCode: -502001 });
  } finally {
    db.outage = undefined;
  }
});
