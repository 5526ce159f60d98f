/**
 * Image pipeline benchmark (`npm run bench:image`): prepareImage against the floor of what sharp can do, the
 * quality loop tutorials show, and a pure-JavaScript peer (jimp), side by side in one run, plus peak memory per
 * input in a process of its own and the robustness table. It prints figures; it never fails on time.
 *
 * BENCH_RUNS=n changes the number of timed runs per method (default 5, median reported);
 * BENCH_JIMP=0 leaves jimp out; BENCH_ONLY=phone-12mp,tiny limits the run to those inputs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Jimp } from 'jimp';
import sharp from 'sharp';
import { isImageRejectedError, prepareImage, PREPARE_IMAGE_DEFAULTS } from '../cloudfunctions/ocrIdcard/src/prepare-image';
import { loadSharp } from '../cloudfunctions/ocrIdcard/src/sharp-loader';
import { runImageChild, type SharpSituation } from '../test/fixtures/image-child-run';
import { describeFixture, FIXTURE_NAMES, imageFixture, imageFixturePath, type FixtureName } from '../test/fixtures/images';

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 5));
const WITH_JIMP = process.env.BENCH_JIMP !== '0';
const { maxBytes: MAX_BYTES, maxLongEdge: LONG_EDGE } = PREPARE_IMAGE_DEFAULTS;
const MEMORY_MB = 256;

const ONLY = process.env.BENCH_ONLY?.split(',');
const selected = (name: FixtureName): boolean => !ONLY || ONLY.includes(name);
const COMPARED: FixtureName[] = ['phone-12mp', 'phone-12mp-rot6', 'png-12mp', 'png-50mp', 'compliant-jpeg', 'small-scan'];
const MAIN_INPUTS = COMPARED.filter(selected);
const ROBUSTNESS_INPUTS = FIXTURE_NAMES.filter((name) => !COMPARED.includes(name) && selected(name));

interface Output {
  buffer: Buffer;
  width: number;
  height: number;
  /** Encodes run (quality loop iterations), where it applies. */
  passes?: number;
  method?: string;
  quality?: number;
}

type Method = 'prepareImage' | 'floor' | 'tutorial loop' | 'jimp';

interface Timed {
  method: Method;
  medianMs: number;
  /** Fastest run: what the method costs when nothing else competes for the CPU. */
  bestMs: number;
  output: Output;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function prepare(input: Buffer): Promise<Output> {
  const prepared = await prepareImage(input);
  return { buffer: prepared.buffer, width: prepared.width, height: prepared.height, passes: prepared.encodes, method: prepared.method, quality: prepared.quality };
}

/** The floor: one sharp pipeline, decode -> rotate -> resize -> JPEG, to prepareImage's output size and quality. */
function floorOf(target: Output): (input: Buffer) => Promise<Output> {
  return async (input) => {
    const { data, info } = await sharp(input).rotate().resize(target.width, target.height).jpeg({ quality: target.quality }).toBuffer({ resolveWithObject: true });
    return { buffer: data, width: info.width, height: info.height, passes: 1 };
  };
}

/** What tutorials show: resize, encode at 90, and again 10 lower from the start until it fits. */
async function tutorialLoop(input: Buffer): Promise<Output> {
  for (let quality = 90, passes = 1; ; quality -= 10, passes++) {
    const { data, info } = await sharp(input)
      .rotate()
      .resize({ width: LONG_EDGE, height: LONG_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality })
      .toBuffer({ resolveWithObject: true });
    if (data.length < MAX_BYTES || quality <= 10) return { buffer: data, width: info.width, height: info.height, passes, quality };
  }
}

/** The same job in pure JavaScript: read (EXIF orientation applied), fit inside the cap, JPEG 85, lower until it fits. */
async function jimpJob(input: Buffer): Promise<Output> {
  const image = await Jimp.read(input);
  if (Math.max(image.width, image.height) > LONG_EDGE) image.scaleToFit({ w: LONG_EDGE, h: LONG_EDGE });
  for (let quality = 85, passes = 1; ; quality -= 10, passes++) {
    const buffer = await image.getBuffer('image/jpeg', { quality });
    if (buffer.length < MAX_BYTES || quality <= 15) return { buffer, width: image.width, height: image.height, passes, quality };
  }
}

/**
 * A full garbage collection on demand: run before every sample, so the garbage one method leaves (jimp's
 * hundreds of MB) is not collected on the clock of the method timed next.
 */
const gc: () => void = (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

/** Collects, then lets V8's background sweeping finish before the clock starts (it would share the CPUs). */
async function collectGarbage(): Promise<void> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 25));
}

/**
 * Times each method, interleaved (and in a rotating order) so a busy moment of the machine hits them all
 * alike: at least RUNS times, more for quick inputs (about two seconds of sharp work per method, at most 41
 * runs), where a few milliseconds of noise would otherwise decide the ratio.
 */
async function timeMethods(input: Buffer, methods: Array<[Method, (input: Buffer) => Promise<Output>]>): Promise<{ runs: number; timed: Timed[] }> {
  const samples = new Map<Method, number[]>(methods.map(([name]) => [name, []]));
  const outputs = new Map<Method, Output>();
  let slowestSharp = 0;
  for (const [name, run] of methods) {
    const started = performance.now();
    outputs.set(name, await run(input)); // warm-up, and the output shown
    if (name !== 'jimp') slowestSharp = Math.max(slowestSharp, performance.now() - started);
  }
  const runs = Math.min(41, Math.max(RUNS, Math.ceil(2000 / slowestSharp)));
  for (let i = 0; i < runs; i++) {
    for (const [name, run] of [...methods.slice(i % methods.length), ...methods.slice(0, i % methods.length)]) {
      await collectGarbage();
      const started = performance.now();
      await run(input);
      samples.get(name)?.push(performance.now() - started);
    }
  }
  const timed = methods.map(([method]): Timed => {
    const times = samples.get(method) ?? [];
    return { method, medianMs: median(times), bestMs: Math.min(...times), output: outputs.get(method) as Output };
  });
  return { runs, timed };
}

const fmtMs = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
const fmtRatio = (a: number, b: number | undefined): string => (b ? `${(a / b).toFixed(2)}×` : '—');
const mark = (ok: boolean): string => (ok ? 'met' : 'MISSED');

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

async function childRecord(name: FixtureName, situation: SharpSituation, times = 1) {
  const file = await imageFixturePath(name);
  const run = await runImageChild({ files: Array.from({ length: times }, () => file) }, situation);
  return { records: run.records, summary: run.summary };
}

/**
 * The measurement behind the default long edge and quality: output bytes of a phone photo and of the worst
 * case (heavy noise) for each cap and quality, and the time of one pipeline at each cap.
 */
async function defaultsTable(): Promise<void> {
  console.log('\n## Choosing the defaults: output bytes by long edge and quality (one sharp pipeline each)\n');
  const qualities = [75, 85, 90];
  const rows: string[][] = [];
  for (const name of ['phone-12mp', 'noise-12mp'] as const) {
    const input = await imageFixture(name);
    for (const edge of [1600, 2048, 2560, 3072, 4032]) {
      const cells: string[] = [];
      let ms = 0;
      for (const quality of qualities) {
        await collectGarbage();
        const started = performance.now();
        const out = await sharp(input).rotate().resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true }).jpeg({ quality }).toBuffer();
        ms += performance.now() - started;
        cells.push(`${(out.length / 1e6).toFixed(2)} MB${out.length >= MAX_BYTES ? ' (over)' : ''}`);
      }
      rows.push([name, String(edge), ...cells, fmtMs(ms / qualities.length)]);
    }
  }
  console.log(table(['input', 'long edge', ...qualities.map((q) => `q${q}`), 'ms per pipeline'], rows));
}

async function main(): Promise<void> {
  const loaded = loadSharp();
  if (!loaded.ok) throw loaded.error;
  const cpus = os.cpus();
  const loadBefore = os.loadavg();
  console.log(`# Image pipeline bench\n`);
  console.log(`Node ${process.version}, sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips}, ${loaded.backend}), ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}`);
  console.log(`Load average at start: ${loadBefore.map((v) => v.toFixed(2)).join(' ')} — figures above ~${(cpus.length / 2).toFixed(1)} were taken on a busy machine.`);
  console.log(`Median of at least ${RUNS} runs per method, interleaved; limit ${MAX_BYTES} bytes, long edge ${LONG_EDGE}.\n`);
  console.log('Preparing inputs (generated once, cached in the system temp folder)...');
  for (const name of [...MAIN_INPUTS, ...ROBUSTNESS_INPUTS]) await imageFixturePath(name);

  const comparison: string[][] = [];
  const targets: string[][] = [];
  const json: Record<string, unknown> = {};
  for (const name of MAIN_INPUTS) {
    const input = await imageFixture(name);
    const reference = await prepare(input);
    const needsWork = reference.method === 'encode';
    const methods: Array<[Method, (input: Buffer) => Promise<Output>]> = [['prepareImage', prepare]];
    if (needsWork) methods.push(['floor', floorOf(reference)]);
    methods.push(['tutorial loop', tutorialLoop]);
    if (WITH_JIMP) methods.push(['jimp', jimpJob]);
    process.stdout.write(`timing ${name}...\n`);
    const { runs, timed } = await timeMethods(input, methods);
    const floor = timed.find((t) => t.method === 'floor');
    const floorMs = floor?.medianMs;
    const tutorialMs = timed.find((t) => t.method === 'tutorial loop')?.medianMs;
    for (const t of timed) {
      comparison.push([
        t.method === 'prepareImage' ? `${name} (${(input.length / 1e6).toFixed(1)} MB, ${runs} runs)` : '',
        t.method,
        fmtMs(t.medianMs),
        fmtRatio(t.medianMs, floorMs),
        fmtRatio(t.medianMs, tutorialMs),
        fmtMs(t.bestMs),
        fmtRatio(t.bestMs, floor?.bestMs),
        String(t.output.buffer.length),
        `${t.output.width}×${t.output.height}`,
        [t.output.method, t.output.quality ? `q${t.output.quality}` : '', t.output.passes ? `${t.output.passes} enc` : ''].filter(Boolean).join(' '),
      ]);
    }
    const ours = timed[0];
    json[name] = timed.map((t) => ({ method: t.method, medianMs: t.medianMs, bytes: t.output.buffer.length, width: t.output.width, height: t.output.height }));
    if (needsWork && floor) {
      const ratio = ours.medianMs / floor.medianMs;
      targets.push([`≤ 1.15× floor: ${name}`, `${ratio.toFixed(2)}× (best runs: ${(ours.bestMs / floor.bestMs).toFixed(2)}×)`, mark(ratio <= 1.15)]);
    }
    if (!needsWork) {
      const identical = ours.output.buffer.equals(input);
      targets.push([`pass-through ≤ 5 ms, byte-identical: ${name}`, `${fmtMs(ours.medianMs)} ms, ${identical ? 'identical' : 'DIFFERENT'}`, mark(ours.medianMs <= 5 && identical)]);
    }
    targets.push([`output < ${MAX_BYTES} bytes: ${name}`, String(ours.output.buffer.length), mark(ours.output.buffer.length < MAX_BYTES)]);
  }
  console.log('\n## Side by side\n');
  console.log(table(['input', 'method', 'median ms', 'vs floor', 'vs tutorial', 'best ms', 'best vs floor', 'bytes out', 'size out', 'how'], comparison));

  console.log('\n## Peak memory of prepareImage, one process per input (input buffer, Node and sharp included)\n');
  const memoryRows: string[][] = [];
  for (const name of MAIN_INPUTS) {
    const { records } = await childRecord(name, 'normal');
    const record = records[0];
    memoryRows.push([name, String(record.peakRssMB), fmtMs(record.ms)]);
    if (name === 'png-50mp') targets.push([`peak RSS ≤ ${MEMORY_MB} MB: ${name}`, `${record.peakRssMB} MB`, mark(record.peakRssMB <= MEMORY_MB)]);
  }
  console.log(table(['input', 'peak RSS MB', 'first call ms (incl. loading sharp)'], memoryRows));

  console.log('\n## WebAssembly fallback (native binary refused as on glibc 2.17), one process per input\n');
  const wasmRows: string[][] = [];
  for (const name of MAIN_INPUTS) {
    const { records, summary } = await childRecord(name, 'native-fails', 2);
    const backend = summary.sharp.ok ? summary.sharp.backend : 'none';
    wasmRows.push([name, backend, fmtMs(records[0].ms), fmtMs(records[1].ms), String(records[1].peakRssMB)]);
  }
  console.log(table(['input', 'sharp build', 'first call ms (incl. load)', 'second call ms', 'peak RSS MB'], wasmRows));

  if (!ONLY) await defaultsTable();

  console.log('\n## Robustness\n');
  const robustness: string[][] = [];
  for (const name of ROBUSTNESS_INPUTS) {
    const input = await imageFixture(name);
    const warm: number[] = [];
    let outcome = '';
    for (let i = 0; i <= RUNS; i++) {
      await collectGarbage();
      const started = performance.now();
      try {
        const prepared = await prepareImage(input);
        outcome = `${prepared.method} ${prepared.width}×${prepared.height}, ${prepared.buffer.length} B${prepared.encodes > 1 ? `, ${prepared.encodes} enc` : ''}`;
      } catch (error) {
        outcome = isImageRejectedError(error) ? `${error.errCode}: ${error.reason}` : `THREW ${String(error)}`;
      }
      if (i > 0) warm.push(performance.now() - started);
    }
    const { records } = await childRecord(name, 'normal');
    const cold = records[0];
    const ok = cold.ms <= 2000 && cold.peakRssMB <= MEMORY_MB && !outcome.startsWith('THREW');
    robustness.push([`${name}: ${describeFixture(name)}`, outcome, fmtMs(median(warm)), fmtMs(cold.ms), String(cold.peakRssMB), mark(ok)]);
  }
  console.log(table(['input', 'outcome', 'warm ms', 'own process ms', 'peak RSS MB', '≤ 2 s, ≤ 256 MB'], robustness));

  console.log('\n## Targets\n');
  console.log(table(['target', 'measured', ''], targets));
  console.log(`\nLoad average at end: ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}`);

  const outDir = path.resolve(__dirname, 'out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'image.json'), JSON.stringify({ runs: RUNS, loadBefore, comparison: json, targets }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
