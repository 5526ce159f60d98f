/**
 * The cloud database behind the emulator's gateway: the few `database.*` actions the function's per-user limit
 * uses, in wx-server-sdk 4.0.2's own wire format (through @cloudbase/database 1.4.3), captured from the SDK:
 *
 * - `database.addCollection` `{ collectionName }` (`db.createCollection`)
 * - `database.insertDocument` `{ collectionName, data: [<EJSON doc>] }` -> `{ data: { insertedIds } }` (`add`)
 * - `database.modifyDocument` `{ collectionName, queryType: 'DOC'|'WHERE', query, data, multi, merge, upsert }`
 *   -> `{ data: { updated, upsert_id } }` (`doc().update/set`, `where().update`; `merge: true` means `data` holds
 *   update operators)
 * - `database.getDocument` `{ collectionName, queryType, query, limit?, offset? }` -> `{ data: { list: [<EJSON>] } }`
 *
 * Every action runs to completion without yielding, so an update is atomic, as one document update is in the
 * real database. Errors are TCB's `{ code, message }`: DATABASE_COLLECTION_NOT_EXIST (the SDK's -502005) for a
 * collection nobody created, DATABASE_REQUEST_FAILED (-502001) for a duplicate `_id`.
 *
 * Every emulator has one (`emulator.database`), serving these actions.
 * @example
 * const emulator = await startEmulator();
 * // ... the function counts with cloud.database() ...
 * emulator.database.document('ocr_idcard_user_quota', id) // { _id, count: 3, ... }
 */
import { randomBytes } from 'node:crypto';
import type { ActionDefinition, GatewayReply, GatewayRequest } from './gateway/actions';
import { parseEjson, stringifyEjson, type Doc, type Value } from './ejson';

/** A TCB error answer: `code` is the name the SDK maps to its errCode. */
export class DatabaseError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const MAX_LIMIT = 1000;

export class CloudDatabase {
  private readonly collections = new Map<string, Map<string, Doc>>();
  /** While set, every database action answers with this error, as when the database cannot be reached. */
  outage: { code: string; message: string } | undefined;

  /** Creates a collection; false when it already exists. */
  createCollection(name: string): boolean {
    if (this.collections.has(name)) return false;
    this.collections.set(name, new Map());
    return true;
  }

  /** A copy of one document, or undefined. */
  document(collection: string, id: string): Doc | undefined {
    const doc = this.collections.get(collection)?.get(id);
    return doc && structuredClone(doc);
  }

  /** Copies of every document of a collection ([] when it does not exist). */
  documents(collection: string): Doc[] {
    return [...(this.collections.get(collection)?.values() ?? [])].map((d) => structuredClone(d));
  }

  insert(collection: string, docs: Doc[]): string[] {
    const table = this.table(collection);
    const ids = docs.map((d) => (d._id === undefined || d._id === null ? randomBytes(16).toString('hex') : String(d._id)));
    const seen = new Set<string>();
    for (const id of ids) {
      if (table.has(id) || seen.has(id)) {
        throw new DatabaseError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: "${id}" }`);
      }
      seen.add(id);
    }
    docs.forEach((d, i) => table.set(ids[i], { ...structuredClone(d), _id: ids[i] }));
    return ids;
  }

  find(collection: string, query: Doc, limit = 100, offset = 0): Doc[] {
    const matching = [...this.table(collection).values()].filter((d) => matches(d, query));
    return matching.slice(offset, offset + Math.min(limit, MAX_LIMIT)).map((d) => structuredClone(d));
  }

  /**
   * Updates the documents matching `query` (the first only unless `multi`). `merge`: `update` holds operators
   * ($set, $inc, $unset); otherwise it replaces every field but `_id`. `upsert` inserts when nothing matched.
   */
  modify(collection: string, query: Doc, update: Doc, options: { multi: boolean; merge: boolean; upsert: boolean }): { updated: number; upsertId?: string } {
    const table = this.table(collection);
    const targets = [...table.values()].filter((d) => matches(d, query));
    let updated = 0;
    for (const doc of options.multi ? targets : targets.slice(0, 1)) {
      const next = options.merge ? applyOperators(doc, update) : { ...structuredClone(update), _id: doc._id };
      if (stringifyEjson(next) !== stringifyEjson(doc)) updated++;
      table.set(String(doc._id), next);
    }
    if (targets.length > 0 || !options.upsert) return { updated };
    const seed: Doc = {};
    for (const [key, value] of Object.entries(query)) if (!isOperatorObject(value)) seed[key] = value;
    const fresh = options.merge ? applyOperators(seed, update) : { ...structuredClone(update), ...(seed._id !== undefined ? { _id: seed._id } : {}) };
    const [upsertId] = this.insert(collection, [fresh]);
    return { updated: 0, upsertId };
  }

  private table(name: string): Map<string, Doc> {
    const table = this.collections.get(name);
    if (!table) throw new DatabaseError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`);
    return table;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Queries and updates

function isOperatorObject(value: Value | undefined): value is { [op: string]: Value } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && Object.keys(value).some((k) => k.startsWith('$'));
}

function getPath(doc: Doc, path: string): Value | undefined {
  let current: Value | undefined = doc;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || current instanceof Date || Array.isArray(current)) return undefined;
    current = current[part];
  }
  return current;
}

function setPath(doc: Doc, path: string, value: Value | undefined): void {
  const parts = path.split('.');
  let current: Doc = doc;
  for (const part of parts.slice(0, -1)) {
    const next = current[part];
    if (typeof next !== 'object' || next === null || next instanceof Date || Array.isArray(next)) current[part] = {};
    current = current[part] as Doc;
  }
  const last = parts[parts.length - 1];
  if (value === undefined) delete current[last];
  else current[last] = value;
}

const same = (a: Value | undefined, b: Value | undefined) => stringifyEjson(a ?? null) === stringifyEjson(b ?? null) && (a === undefined) === (b === undefined);

/** Mongo's ordering within one type; values of different types never compare. */
function order(a: Value | undefined, b: Value): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  return undefined;
}

function matchesOperator(actual: Value | undefined, op: string, operand: Value): boolean {
  const cmp = () => order(actual, operand);
  switch (op) {
    case '$eq':
      return same(actual, operand);
    case '$ne':
      return !same(actual, operand);
    case '$lt':
      return (cmp() ?? NaN) < 0;
    case '$lte':
      return (cmp() ?? NaN) <= 0;
    case '$gt':
      return (cmp() ?? NaN) > 0;
    case '$gte':
      return (cmp() ?? NaN) >= 0;
    case '$in':
      return Array.isArray(operand) && operand.some((v) => same(actual, v));
    case '$nin':
      return Array.isArray(operand) && !operand.some((v) => same(actual, v));
    default:
      throw new DatabaseError('DATABASE_INVALID_OPERRATOR', `query operator ${op} is not supported by the emulator`);
  }
}

function matches(doc: Doc, query: Doc): boolean {
  return Object.entries(query).every(([key, condition]) => {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(condition)) throw new DatabaseError('DATABASE_INVALID_OPERRATOR', `${key} takes an array`);
      const parts = condition as Doc[];
      return key === '$and' ? parts.every((q) => matches(doc, q)) : parts.some((q) => matches(doc, q));
    }
    if (key.startsWith('$')) throw new DatabaseError('DATABASE_INVALID_OPERRATOR', `query operator ${key} is not supported by the emulator`);
    const actual = getPath(doc, key);
    if (!isOperatorObject(condition)) return same(actual, condition);
    return Object.entries(condition).every(([op, operand]) => matchesOperator(actual, op, operand));
  });
}

function applyOperators(doc: Doc, update: Doc): Doc {
  const next = structuredClone(doc);
  for (const [op, fields] of Object.entries(update)) {
    if (!op.startsWith('$')) {
      setPath(next, op, fields);
      continue;
    }
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields) || fields instanceof Date) {
      throw new DatabaseError('DATABASE_INVALID_OPERRATOR', `${op} takes an object of fields`);
    }
    for (const [path, operand] of Object.entries(fields)) {
      if (path === '_id') throw new DatabaseError('DATABASE_REQUEST_FAILED', 'the _id of a document cannot change');
      switch (op) {
        case '$set':
          setPath(next, path, operand);
          break;
        case '$unset':
          setPath(next, path, undefined);
          break;
        case '$inc': {
          const current = getPath(next, path) ?? 0;
          if (typeof current !== 'number' || typeof operand !== 'number') {
            throw new DatabaseError('DATABASE_REQUEST_FAILED', `Cannot apply $inc to a value of non-numeric type (field ${path})`);
          }
          setPath(next, path, current + operand);
          break;
        }
        default:
          throw new DatabaseError('DATABASE_INVALID_OPERRATOR', `update operator ${op} is not supported by the emulator`);
      }
    }
  }
  return next;
}

// ---------------------------------------------------------------------------------------------------------------
// Gateway actions

function docOf(value: Value): Doc {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date) throw new DatabaseError('INVALID_PARAM', 'expected a JSON object');
  return value;
}

function collectionName(request: GatewayRequest): string {
  const name = request.params.collectionName;
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw new DatabaseError('INVALID_PARAM', 'collectionName is missing or malformed');
  return name;
}

function action(name: string, db: CloudDatabase, run: (request: GatewayRequest) => unknown): ActionDefinition {
  return {
    async handle(request, context): Promise<GatewayReply> {
      try {
        if (db.outage) throw new DatabaseError(db.outage.code, db.outage.message);
        const data = run(request);
        context.calls.add({ api: name, result: 0 });
        return { kind: 'json', body: { data, requestId: '' } };
      } catch (err) {
        const { code, message } = err instanceof DatabaseError ? err : new DatabaseError('INVALID_PARAM', err instanceof Error ? err.message : String(err));
        context.calls.add({ api: name, result: code });
        return { kind: 'error', code, message };
      }
    },
  };
}

/** The database's gateway actions, by name, serving `db`. */
export function databaseActions(db: CloudDatabase): Record<string, ActionDefinition> {
  return {
    'database.addCollection': action('database.addCollection', db, (request) => {
      const name = collectionName(request);
      if (!db.createCollection(name)) throw new DatabaseError('DATABASE_COLLECTION_ALREADY_EXIST', `Table exist: ${name}`);
      return {};
    }),
    'database.insertDocument': action('database.insertDocument', db, (request) => {
      const raw = request.params.data;
      if (!Array.isArray(raw) || raw.length === 0) throw new DatabaseError('INVALID_PARAM', 'data must be a non-empty array of EJSON documents');
      return { insertedIds: db.insert(collectionName(request), raw.map((d) => docOf(parseEjson(d)))) };
    }),
    'database.modifyDocument': action('database.modifyDocument', db, (request) => {
      const { params } = request;
      const result = db.modify(collectionName(request), docOf(parseEjson(params.query ?? '{}')), docOf(parseEjson(params.data)), {
        multi: params.multi === true,
        merge: params.merge !== false,
        upsert: params.upsert === true,
      });
      return { updated: result.updated, upsert_id: result.upsertId ?? null };
    }),
    'database.getDocument': action('database.getDocument', db, (request) => {
      const { params } = request;
      const limit = Number(params.limit ?? 100);
      const offset = Number(params.offset ?? 0);
      const list = db.find(collectionName(request), docOf(parseEjson(params.query ?? '{}')), params.multi === false ? 1 : limit, offset);
      return { list: list.map(stringifyEjson), limit, offset };
    }),
  };
}
