/**
 * OCR benchmark: N synthetic cards per mode (scan, photo) through the on-device recognizer, compared field by
 * field with what the generator printed. Prints exact-match accuracy per field and mode, cold start, warm
 * latency per card (median, p95) and the peak RSS of this process (the worker thread included).
 *
 *   npx tsx bench/ocr.ts [--n 40] [--size small|phone|mix] [--seed bench] [--verbose]
 *
 * Cards vary by side, format (JPEG/PNG/WebP), turn (0/90/180/270, plain or by EXIF tag) and, in photo mode,
 * surface, tilt, scale, blur and perspective. Images are generated before timing starts.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeCardImage, type CardImage, type ExifOrientation, type PixelRotation, type SizePreset } from '../emulator/cards';
import type { OcrMode, RecognizeAnswer, StepTimings } from '../emulator/ocr/types';
import type { BenchCard, BenchReport } from './ocr-read';

interface Args {
  n: number;
  size: SizePreset | 'mix';
  seed: string;
  verbose: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { n: 40, size: 'mix', seed: 'bench', verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--n') {
      args.n = Number(value);
      if (!Number.isInteger(args.n) || args.n < 1) throw new RangeError(`Expected a positive integer for --n but received ${value}`);
      i++;
    } else if (flag === '--size') {
      if (value !== 'small' && value !== 'phone' && value !== 'phone-heavy' && value !== 'mix') {
        throw new RangeError(`Expected small, phone, phone-heavy or mix for --size but received ${value}`);
      }
      args.size = value;
      i++;
    } else if (flag === '--seed') {
      args.seed = value;
      i++;
    } else if (flag === '--verbose') {
      args.verbose = true;
    } else {
      throw new RangeError(`Unknown option ${flag}; expected --n, --size, --seed or --verbose`);
    }
  }
  return args;
}

const TURNS: PixelRotation[] = [0, 90, 180, 270];
const EXIF_TURNS: ExifOrientation[] = [6, 3, 8];
const FORMATS = ['jpeg', 'png', 'webp'] as const;

/** The i-th card of a mode: sides alternate; every third card is turned, half of those by EXIF tag. */
function cardOptions(args: Args, mode: OcrMode, i: number) {
  const turned = i % 3 === 2;
  const byExif = turned && i % 2 === 0;
  return {
    seed: `${args.seed}:${mode}:${i}`,
    side: i % 2 === 0 ? ('Front' as const) : ('Back' as const),
    mode,
    format: FORMATS[i % FORMATS.length],
    size: args.size === 'mix' ? (i % 4 === 3 ? 'phone' : 'small') : args.size,
    rotate: turned && !byExif ? TURNS[(i / 3) % 4 | 0] : 0,
    exifOrientation: byExif ? EXIF_TURNS[(i / 6) % 3 | 0] : undefined,
  } as const;
}

interface Outcome {
  mode: OcrMode;
  index: number;
  card: CardImage;
  answer: RecognizeAnswer;
  ms: number;
  timings: StepTimings;
}

/** Writes the cards to a fresh folder, reads them in a child process, and collects its report. */
function readInChild(cards: Map<OcrMode, CardImage[]>): { report: BenchReport; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocr-bench-'));
  const manifest: BenchCard[] = [];
  for (const [mode, list] of cards) {
    for (const [index, card] of list.entries()) {
      const file = `${mode}-${index}.${card.contentType.split('/')[1]}`;
      fs.writeFileSync(path.join(dir, file), card.buffer);
      manifest.push({ mode, index, file });
    }
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  // The same runtime flags (tsx's loader) as this process, so the child runs TypeScript too.
  const child = spawnSync(process.execPath, [...process.execArgv, path.join(__dirname, 'ocr-read.ts'), dir], { stdio: 'inherit' });
  if (child.status !== 0) throw new Error(`The reading process failed (exit ${child.status})`);
  return { report: JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as BenchReport, dir };
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

function fieldsOf(expected: CardImage['expected']): string[] {
  return Object.keys(expected);
}

/** field -> [exact, total] */
function accuracy(outcomes: Outcome[]): Map<string, [number, number]> {
  const table = new Map<string, [number, number]>();
  for (const { card, answer } of outcomes) {
    const expected = card.expected as unknown as Record<string, string>;
    const got = answer as unknown as Record<string, unknown>;
    for (const field of fieldsOf(card.expected)) {
      const key = field === 'type' ? 'type' : `${expected.type}.${field}`;
      const entry = table.get(key) ?? [0, 0];
      entry[0] += got[field] === expected[field] ? 1 : 0;
      entry[1] += 1;
      table.set(key, entry);
    }
  }
  return table;
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
const ms = (value: number) => `${Math.round(value)} ms`;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const loadBefore = os.loadavg()[0];
  const modes: OcrMode[] = ['scan', 'photo'];

  process.stdout.write(`Generating ${args.n} cards per mode (size ${args.size})...\n`);
  const cards = new Map<OcrMode, CardImage[]>();
  for (const mode of modes) {
    const list: CardImage[] = [];
    for (let i = 0; i < args.n; i++) list.push(await makeCardImage(cardOptions(args, mode, i)));
    cards.set(mode, list);
  }

  const { report, dir } = readInChild(cards);
  fs.rmSync(dir, { recursive: true, force: true });
  const loadAfter = os.loadavg()[0];
  const outcomes: Outcome[] = report.readings.map((r) => ({
    mode: r.mode,
    index: r.index,
    card: cards.get(r.mode)![r.index],
    answer: r.reading.answer,
    ms: r.ms,
    timings: r.reading.timings,
  }));

  const rows: string[][] = [['mode', 'cards', 'cards exact', 'fields exact', 'median', 'p95', 'min', 'max', 'median steps: decode / locate / detect / recognize']];
  const fieldRows: string[][] = [['field', ...modes]];
  const perMode = new Map<OcrMode, Map<string, [number, number]>>();
  let worstFields = 100;
  let worstMedian = 0;
  for (const mode of modes) {
    const mine = outcomes.filter((o) => o.mode === mode);
    const table = accuracy(mine);
    perMode.set(mode, table);
    let exact = 0;
    let total = 0;
    for (const [a, b] of table.values()) {
      exact += a;
      total += b;
    }
    const cardsExact = mine.filter((o) => fieldsOf(o.card.expected).every((f) => (o.answer as unknown as Record<string, unknown>)[f] === (o.card.expected as unknown as Record<string, string>)[f])).length;
    const times = mine.map((o) => o.ms).sort((a, b) => a - b);
    worstFields = Math.min(worstFields, (100 * exact) / total);
    worstMedian = Math.max(worstMedian, quantile(times, 0.5));
    const step = (name: keyof StepTimings) => Math.round(quantile(mine.map((o) => o.timings[name]).sort((a, b) => a - b), 0.5));
    const steps = `${step('decode')} / ${step('locate')} / ${step('detect')} / ${step('recognize')} ms`;
    rows.push([mode, String(mine.length), pct(cardsExact, mine.length), pct(exact, total), ms(quantile(times, 0.5)), ms(quantile(times, 0.95)), ms(times[0]), ms(times[times.length - 1]), steps]);
  }
  const keys = [...new Set(modes.flatMap((m) => [...perMode.get(m)!.keys()]))].sort();
  for (const key of keys) fieldRows.push([key, ...modes.map((m) => { const e = perMode.get(m)!.get(key); return e ? `${pct(e[0], e[1])} (${e[0]}/${e[1]})` : '-'; })]);

  const print = (table: string[][]) => {
    const widths = table[0].map((_, c) => Math.max(...table.map((r) => [...r[c]].length)));
    for (const [i, row] of table.entries()) {
      process.stdout.write(`| ${row.map((cell, c) => cell.padEnd(widths[c] + cell.length - [...cell].length)).join(' | ')} |\n`);
      if (i === 0) process.stdout.write(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`);
    }
  };

  const busy = Math.max(loadBefore, loadAfter) > os.cpus().length * 0.5;
  process.stdout.write(`\nOCR benchmark, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`);
  process.stdout.write(`load average ${loadBefore.toFixed(2)} -> ${loadAfter.toFixed(2)}${busy ? '  ** machine under load: latencies are pessimistic **' : ''}\n\n`);
  print(rows);
  process.stdout.write('\n');
  print(fieldRows);
  process.stdout.write('\n');
  print([
    ['measure', 'value', 'target'],
    ['cold start (worker + models)', ms(report.coldLoadMs), ''],
    ['first card after start', ms(report.firstCardMs), ''],
    ['fields exact, worst mode', `${worstFields.toFixed(1)}%`, '>= 99%'],
    ['warm median, worst mode', ms(worstMedian), '<= 1500 ms'],
    ['peak RSS (process, worker included)', `${Math.round(report.peakRssMb)} MB`, '<= 1024 MB'],
  ]);

  if (args.verbose) {
    for (const o of outcomes) {
      const expected = o.card.expected as unknown as Record<string, string>;
      const got = o.answer as unknown as Record<string, unknown>;
      const wrong = fieldsOf(o.card.expected).filter((f) => got[f] !== expected[f]);
      if (wrong.length === 0) continue;
      const options = cardOptions(args, o.mode, o.index);
      process.stdout.write(`\nmiss ${options.seed} ${o.card.side} ${options.format} ${options.size} rotate=${options.rotate} exif=${options.exifOrientation ?? '-'} errcode=${String(got.errcode)}\n`);
      for (const f of wrong) process.stdout.write(`  ${f}: expected ${JSON.stringify(expected[f])} got ${JSON.stringify(got[f])}\n`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
