/**
 * Which image URLs the function may fetch: only http(s) to a public address. Loopback, private, link-local,
 * shared (CGNAT), multicast, reserved, documentation and cloud metadata addresses are refused, in every spelling
 * an address can take: IPv4 in decimal, octal, hex and short forms, IPv6 with the IPv4 forms embedded in it
 * (mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4), and host names that only mean something inside a cloud
 * network (`metadata.tencentyun.com`, `localhost`, single labels). Pure functions: nothing here touches the network.
 */

/** Why an address or URL is refused; `public` means it may be fetched. */
export type AddressKind =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'shared'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'reserved'
  | 'metadata';

export type UrlRefusalReason =
  | Exclude<AddressKind, 'public'>
  | 'bad-url'
  | 'scheme'
  | 'credentials'
  | 'internal-name'
  | 'not-allowlisted';

export interface UrlRefusal {
  ok: false;
  reason: UrlRefusalReason;
}

/** A URL that passed every check that can be made before resolving its host. */
export interface GuardedUrl {
  ok: true;
  url: URL;
  /** Host as the socket needs it: IPv6 without brackets, no trailing dot. */
  host: string;
  port: number;
  /** The host is an IP address literal, so there is nothing to resolve. */
  literal: 4 | 6 | 0;
  /** The host matched an allowlist entry (see {@link parseAllowlist}). */
  allowlisted: boolean;
}

/** Longest URL accepted; longer ones are refused without parsing (WeChat's own limit on img_url is lower). */
export const MAX_URL_LENGTH = 2048;

// ---------------------------------------------------------------------------------------------------------------
// IPv4

/**
 * Parses an IPv4 address in any form `inet_aton` accepts: 1 to 4 parts, each decimal, octal (leading 0) or hex
 * (0x), the last part filling the remaining bytes (`127.1`, `2130706433`, `0x7f000001`, `0177.0.0.1`).
 * WHATWG URL parsing already normalises these in a URL host; this catches them anywhere else.
 * @returns the 4 bytes, or undefined when the text is not an IPv4 address.
 * @example parseIPv4('0x7f.1') // [127, 0, 0, 1]
 */
export function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop(); // `127.0.0.1.` is the same address
  if (parts.length === 0 || parts.length > 4) return undefined;
  const values: number[] = [];
  for (const part of parts) {
    let value: number;
    if (/^0x[0-9a-f]*$/i.test(part)) value = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]+$/.test(part)) value = parseInt(part.slice(1), 8);
    else if (/^(0|[1-9][0-9]*)$/.test(part)) value = Number(part);
    else return undefined;
    if (!Number.isSafeInteger(value)) return undefined;
    values.push(value);
  }
  const last = values.pop() as number;
  if (values.some((v) => v > 255) || last >= 256 ** (4 - values.length)) return undefined;
  const bytes = [...values];
  for (let i = 3 - values.length; i >= 0; i--) bytes.push(Math.floor(last / 256 ** i) % 256);
  return bytes;
}

type Range = readonly [prefix: readonly number[], bits: number, kind: AddressKind];

/** Most specific first: the first range that holds an address names its kind. */
const IPV4_RANGES: readonly Range[] = [
  [[169, 254, 169, 254], 32, 'metadata'], // AWS, Azure, GCP, Huawei, Oracle, Tencent (IMDS-compatible)
  [[169, 254, 0, 23], 32, 'metadata'], // metadata.tencentyun.com
  [[169, 254, 170, 2], 32, 'metadata'], // AWS ECS task metadata
  [[100, 100, 100, 200], 32, 'metadata'], // Alibaba Cloud
  [[192, 0, 0, 192], 32, 'metadata'], // Oracle Cloud
  [[0, 0, 0, 0], 32, 'unspecified'],
  [[255, 255, 255, 255], 32, 'broadcast'],
  [[0], 8, 'reserved'], // "this network"
  [[10], 8, 'private'],
  [[100, 64], 10, 'shared'],
  [[127], 8, 'loopback'],
  [[169, 254], 16, 'link-local'],
  [[172, 16], 12, 'private'],
  [[192, 0, 0], 24, 'reserved'], // IETF protocol assignments
  [[192, 0, 2], 24, 'documentation'],
  [[192, 88, 99], 24, 'reserved'], // 6to4 relay anycast, deprecated
  [[192, 168], 16, 'private'],
  [[198, 18], 15, 'reserved'], // benchmarking
  [[198, 51, 100], 24, 'documentation'],
  [[203, 0, 113], 24, 'documentation'],
  [[224], 4, 'multicast'],
  [[240], 4, 'reserved'],
];

function inRange(bytes: readonly number[], prefix: readonly number[], bits: number): boolean {
  for (let i = 0; i * 8 < bits; i++) {
    const take = Math.min(8, bits - i * 8);
    const mask = (0xff << (8 - take)) & 0xff;
    if ((bytes[i] & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

function kindOf(bytes: readonly number[], ranges: readonly Range[], fallback: AddressKind): AddressKind {
  for (const [prefix, bits, kind] of ranges) if (inRange(bytes, prefix, bits)) return kind;
  return fallback;
}

/** The kind of an IPv4 address given as its 4 bytes. */
export function classifyIPv4(bytes: readonly number[]): AddressKind {
  return kindOf(bytes, IPV4_RANGES, 'public');
}

// ---------------------------------------------------------------------------------------------------------------
// IPv6

/**
 * Parses an IPv6 address (brackets and a `%zone` allowed, an embedded dotted IPv4 tail allowed).
 * @returns the 16 bytes, or undefined when the text is not an IPv6 address.
 * @example parseIPv6('::ffff:127.0.0.1') // [0,0,0,0,0,0,0,0,0,0,255,255,127,0,0,1]
 */
export function parseIPv6(text: string): number[] | undefined {
  let s = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (!s.includes(':')) return undefined;
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = v4.slice(1).map(Number);
    if (tail.some((b) => b > 255)) return undefined;
    s = s.slice(0, lastColon + 1);
    if (!s.endsWith('::')) s = s.slice(0, -1); // `a:b:1.2.3.4` -> `a:b`; `a::1.2.3.4` keeps its `::`
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string): number[] | undefined => {
    if (half === '') return [];
    const out: number[] = [];
    for (const g of half.split(':')) {
      if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !rest) return undefined;
  const wanted = 8 - tail.length / 2;
  const missing = wanted - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...new Array<number>(missing).fill(0), ...rest];
  return [...all.flatMap((g) => [g >> 8, g & 0xff]), ...tail];
}

const IPV6_RANGES: readonly Range[] = [
  [[0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54], 128, 'metadata'], // AWS fd00:ec2::254
  [[0], 128, 'unspecified'],
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 128, 'loopback'],
  [[0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48, 'reserved'], // local-use NAT64: translates to private networks
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64, 'reserved'], // discard-only
  [[0x20, 0x01, 0x0d, 0xb8], 32, 'documentation'],
  [[0x20, 0x01, 0x00, 0x00], 32, 'reserved'], // Teredo: hides an IPv4 address, refused whole
  [[0x20, 0x01, 0x00, 0x02, 0x00, 0x00], 48, 'reserved'], // benchmarking
  [[0x20, 0x01, 0x00, 0x10], 28, 'reserved'], // ORCHID
  [[0x20, 0x01, 0x00, 0x20], 28, 'reserved'], // ORCHIDv2
  [[0x3f, 0xff], 20, 'documentation'],
  [[0x5f, 0x00], 16, 'reserved'], // SRv6 SIDs
  [[0xfc], 7, 'private'], // unique local
  [[0xfe, 0x80], 10, 'link-local'],
  [[0xfe, 0xc0], 10, 'private'], // site-local, deprecated
  [[0xff], 8, 'multicast'],
];

/** Where an IPv6 address carries an IPv4 address that decides what it reaches. */
function embeddedIPv4(bytes: readonly number[]): number[] | undefined {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (translated)
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12);
  if (zeros(0, 8) && bytes[8] === 0xff && bytes[9] === 0xff && zeros(10, 12)) return bytes.slice(12);
  // ::a.b.c.d (compatible, deprecated; ::1 and :: are caught before this)
  if (zeros(0, 12)) return bytes.slice(12);
  // 64:ff9b::a.b.c.d (NAT64 well-known prefix)
  if (inRange(bytes, [0x00, 0x64, 0xff, 0x9b], 96)) return bytes.slice(12);
  // 2002:AABB:CCDD::/48 (6to4)
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return bytes.slice(2, 6);
  return undefined;
}

/** The kind of an IPv6 address given as its 16 bytes; forms that embed IPv4 take the kind of the IPv4 address. */
export function classifyIPv6(bytes: readonly number[]): AddressKind {
  const kind = kindOf(bytes, IPV6_RANGES, 'public');
  if (kind !== 'public') return kind;
  const v4 = embeddedIPv4(bytes);
  if (v4) return classifyIPv4(v4);
  // Only 2000::/3 is global unicast; the rest is unassigned or special.
  return (bytes[0] & 0xe0) === 0x20 ? 'public' : 'reserved';
}

/**
 * The kind of an address given as text: any IPv4 or IPv6 spelling. Text that is no address is `reserved`, so a
 * resolver answer that cannot be read is refused rather than trusted.
 * @example classifyAddress('::ffff:169.254.169.254') // 'metadata'
 */
export function classifyAddress(address: string): AddressKind {
  const v6 = parseIPv6(address);
  if (v6) return classifyIPv6(v6);
  const v4 = parseIPv4(address);
  return v4 ? classifyIPv4(v4) : 'reserved';
}

// ---------------------------------------------------------------------------------------------------------------
// Host names

/** Names of cloud metadata services: they answer with the instance's credentials. */
const METADATA_NAMES = new Set([
  'metadata.tencentyun.com',
  'metadata.google.internal',
  'metadata.goog',
  'metadata',
  'instance-data',
  'instance-data.ec2.internal',
]);

/** Suffixes that resolve only inside a private network. */
const INTERNAL_SUFFIXES = ['.localhost', '.local', '.localdomain', '.internal', '.intranet', '.lan', '.home.arpa', '.private'];

/**
 * What a host name alone says: `metadata`, `loopback` (localhost), `internal-name` (a single label, resolved
 * through the cloud network's search domains, or a private-network suffix), or undefined when only its resolved
 * addresses can tell.
 */
export function classifyHostName(name: string): 'metadata' | 'loopback' | 'internal-name' | undefined {
  const host = name.toLowerCase().replace(/\.$/, '');
  if (METADATA_NAMES.has(host)) return 'metadata';
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  if (!host.includes('.') || INTERNAL_SUFFIXES.some((s) => host.endsWith(s))) return 'internal-name';
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Allowlist

/** One allowlist entry: an exact host, and the port it permits (undefined: the scheme's default port only). */
export interface AllowlistEntry {
  host: string;
  port?: number;
}

export interface Allowlist {
  entries: AllowlistEntry[];
  /** Entries that could not be read; they permit nothing. No personal data: an admin wrote them. */
  invalid: string[];
}

/**
 * Reads `OCR_IDCARD_URL_ALLOWLIST`: entries separated by commas or spaces, each `host`, `host:port`, `[v6]` or
 * `[v6]:port`, host names matched exactly (case-insensitive, no wildcards) after the same normalisation a URL
 * gets. Unset or blank: undefined (no allowlist, every public host may be fetched).
 *
 * When set, only URLs whose host and port match an entry are fetched, on every redirect hop too; an entry
 * without a port permits only the scheme's default port (80, 443). A matching host may resolve to a loopback,
 * private or otherwise non-public address (an internal image server, the tests' local server), but never to a
 * cloud metadata address.
 * @example parseAllowlist('img.example.com, 127.0.0.1:8080') // entries for img.example.com:80/443 and 127.0.0.1:8080
 */
export function parseAllowlist(text: string | undefined): Allowlist | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const entries: AllowlistEntry[] = [];
  const invalid: string[] = [];
  for (const raw of text.split(/[\s,]+/).filter(Boolean)) {
    let url: URL | undefined;
    try {
      url = new URL(`http://${raw}`);
    } catch {
      url = undefined;
    }
    const plain = url && !url.username && !url.password && url.pathname === '/' && !url.search && !url.hash;
    if (!url || !plain || raw.includes('/') || raw.includes('@')) {
      invalid.push(raw);
      continue;
    }
    const explicitPort = /:(\d+)$/.exec(raw);
    entries.push({ host: hostOf(url), port: explicitPort ? Number(explicitPort[1]) : undefined });
  }
  return { entries, invalid };
}

function defaultPort(url: URL): number {
  return url.protocol === 'https:' ? 443 : 80;
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
}

function isAllowlisted(allowlist: Allowlist, host: string, url: URL): boolean {
  const port = url.port ? Number(url.port) : defaultPort(url);
  return allowlist.entries.some((e) => e.host === host && (e.port === undefined ? port === defaultPort(url) : e.port === port));
}

// ---------------------------------------------------------------------------------------------------------------
// URLs

/**
 * Everything that can be decided about a URL before its host is resolved: scheme, credentials, literal
 * addresses in any spelling, names that only mean something inside a cloud network, the allowlist.
 * A name that passes still needs every resolved address checked with {@link checkResolvedAddress}.
 * @example checkUrl('http://0177.0.0.1/a.jpg') // { ok: false, reason: 'loopback' }
 */
export function checkUrl(text: string, allowlist?: Allowlist): GuardedUrl | UrlRefusal {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_URL_LENGTH) return refuse('bad-url');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse('bad-url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return refuse('scheme');
  if (url.username || url.password) return refuse('credentials');
  const host = hostOf(url);
  if (host === '') return refuse('bad-url');
  const port = url.port ? Number(url.port) : defaultPort(url);
  if (port === 0) return refuse('reserved');

  const allowlisted = allowlist ? isAllowlisted(allowlist, host, url) : false;
  if (allowlist && !allowlisted) return refuse('not-allowlisted');

  const v6 = url.hostname.startsWith('[') ? parseIPv6(host) : undefined;
  const v4 = v6 ? undefined : parseIPv4(host);
  const literal = v6 ? 6 : v4 ? 4 : 0;
  const kind = v6 ? classifyIPv6(v6) : v4 ? classifyIPv4(v4) : classifyHostName(host);
  if (kind !== undefined && kind !== 'public' && !(allowlisted && kind !== 'metadata')) return refuse(kind);
  // A literal is connected to in its canonical form, so no resolver sees the odd spelling.
  const canonical = v4 ? v4.join('.') : host;
  return { ok: true, url, host: canonical, port, literal, allowlisted };
}

/**
 * Whether one resolved address of a guarded URL may be connected to: public ones always, others only for an
 * allowlisted host, metadata addresses never.
 * @returns undefined when allowed, else the refusal.
 */
export function checkResolvedAddress(address: string, allowlisted: boolean): UrlRefusal | undefined {
  const kind = classifyAddress(address);
  if (kind === 'public' || (allowlisted && kind !== 'metadata')) return undefined;
  return refuse(kind);
}

function refuse(reason: UrlRefusalReason): UrlRefusal {
  return { ok: false, reason };
}
