/**
 * `npm start -- [image…] [--type photo|scan] [--json] [--weixin]`: reads ID cards with the real cloud function
 * against the local WeChat cloud, offline, and prints what it read. Exit code 0 when every image was read,
 * 1 when some failed, 2 for a command line that cannot run.
 */
import path from 'node:path';
import { parseCliArgs, USAGE, UsageError, type CliOptions } from './cli/args';
import { jsonLine, renderTable, summaryLine } from './cli/output';
import { createProgress } from './cli/progress';
import { readCards, type CardFile } from './cli/read-cards';
import { listSamples } from './cli/samples';
import { closeSharedRecognizer } from './ocr';

async function main(argv: string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.weixin && (!process.env.OCR_IDCARD_APPID || !process.env.OCR_IDCARD_APPSECRET)) {
    process.stderr.write('--weixin needs your mini-program credentials: set OCR_IDCARD_APPID and OCR_IDCARD_APPSECRET\n');
    return 2;
  }

  const files: CardFile[] = options.files.length
    ? options.files.map((file) => ({ path: file, type: options.type ?? 'photo' }))
    : listSamples().map((sample) => ({ path: path.relative(process.cwd(), sample.path), type: options.type ?? sample.mode }));

  const progress = createProgress();
  const restoreConsole = routeConsole(options.verbose);
  let outcomes;
  try {
    outcomes = await readCards(files, { weixin: options.weixin, onProgress: progress.update });
  } finally {
    progress.clear();
    restoreConsole();
    await closeSharedRecognizer();
  }

  if (options.json) {
    for (const outcome of outcomes) process.stdout.write(`${jsonLine(outcome)}\n`);
  } else {
    process.stdout.write(`${renderTable(outcomes)}\n\n${summaryLine(outcomes)}\n`);
  }
  return outcomes.every((o) => 'result' in o && o.result.errCode === 0) ? 0 : 1;
}

/**
 * The function writes its log line, and the SDK its warnings, with console.*: keep them off stdout, where the
 * table or the JSON lines go. With --verbose they go to stderr; otherwise they are dropped.
 */
function routeConsole(verbose: boolean): () => void {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const saved = methods.map((name) => console[name]);
  const write = verbose ? (...args: unknown[]) => process.stderr.write(`${args.map(String).join(' ')}\n`) : () => undefined;
  for (const name of methods) console[name] = write;
  return () => methods.forEach((name, i) => (console[name] = saved[i]));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`npm start failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
