/**
 * The slice of MongoDB Extended JSON that @cloudbase/database puts on the wire: the SDK serialises queries,
 * updates and documents with `EJSON.stringify(value, { relaxed: false })` (`{"$numberInt":"1"}`,
 * `{"$date":{"$numberLong":"0"}}`), and reads documents back with `EJSON.parse`, which takes plain JSON numbers
 * and `{"$date":"<ISO>"}` as well.
 */

/** A stored value: what a document field may hold in the emulator's database. */
export type Value = null | boolean | number | string | Date | Value[] | { [key: string]: Value };
export type Doc = { [key: string]: Value };

const NUMBER_WRAPPERS = new Set(['$numberInt', '$numberLong', '$numberDouble', '$numberDecimal']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * Decodes parsed canonical EJSON into plain values: type wrappers become numbers and Dates; operator keys
 * (`$inc`, `$lt` …) are kept for the caller to interpret.
 * @throws TypeError for a type wrapper the emulator does not know (ObjectId, regular expressions, binary …).
 */
export function decodeEjson(value: unknown): Value {
  if (Array.isArray(value)) return value.map(decodeEjson);
  if (!isPlainObject(value)) {
    if (value === undefined) return null;
    return value as Value;
  }
  const keys = Object.keys(value);
  if (keys.length === 1 && NUMBER_WRAPPERS.has(keys[0])) return Number(value[keys[0]]);
  if (keys.length === 1 && keys[0] === '$date') {
    const inner = value.$date;
    const ms = isPlainObject(inner) ? Number(inner.$numberLong) : typeof inner === 'number' ? inner : Date.parse(String(inner));
    if (!Number.isFinite(ms)) throw new TypeError(`unreadable $date ${JSON.stringify(inner)}`);
    return new Date(ms);
  }
  if (keys.length === 1 && ['$oid', '$regularExpression', '$binary', '$timestamp', '$symbol', '$code'].includes(keys[0])) {
    throw new TypeError(`EJSON type ${keys[0]} is not supported by the emulator`);
  }
  const out: Doc = {};
  for (const key of keys) out[key] = decodeEjson(value[key]);
  return out;
}

/** Parses an EJSON string from the wire. */
export function parseEjson(text: unknown): Value {
  if (typeof text !== 'string') throw new TypeError('expected an EJSON string');
  return decodeEjson(JSON.parse(text));
}

/** A document as the SDK reads it back: relaxed EJSON text (plain numbers, `{"$date":"<ISO>"}`). */
export function stringifyEjson(value: Value): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : v;
  });
}
