/** Command line of `npm start`: `[image…] [--type photo|scan] [--json] [--weixin] [--verbose]`. */
import { parseArgs } from 'node:util';
import type { OcrType } from '../../miniprogram/shared/idcard';

export interface CliOptions {
  /** Images to read; empty means the sample cards. */
  files: string[];
  /** Recognition mode for every image; unset: `photo`, or each sample's own mode. */
  type?: OcrType;
  json: boolean;
  /** Recognise with the real WeChat HTTPS API instead of the on-device engine. */
  weixin: boolean;
  /** Show the function's log lines and the SDK's warnings on stderr. */
  verbose: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm start -- [image…] [--type photo|scan] [--json] [--weixin] [--verbose]

Reads Chinese resident ID cards with the ocrIdcard cloud function, run locally against the emulated WeChat
cloud (on-device OCR, no network). Without images it reads the sample cards in emulator/samples/.

  --type photo|scan  photo: a photo with background (default); scan: a scan without background
  --json             one JSON object per line: { "file": …, …the function's result }
  --weixin           recognise with the real WeChat HTTPS API; needs OCR_IDCARD_APPID and OCR_IDCARD_APPSECRET
  --verbose          show the function's log lines and the SDK's warnings on stderr
  --help             this text`;

/** A command line that cannot be run; the message says what was wrong. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Parses `argv` (without node and the script).
 * @throws UsageError for unknown options or a bad `--type`.
 */
export function parseCliArgs(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        type: { type: 'string' },
        json: { type: 'boolean', default: false },
        weixin: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (values.type !== undefined && values.type !== 'photo' && values.type !== 'scan') {
    throw new UsageError(`Expected photo or scan for --type but received ${JSON.stringify(values.type)}`);
  }
  return {
    files: positionals,
    type: values.type,
    json: values.json ?? false,
    weixin: values.weixin ?? false,
    verbose: values.verbose ?? false,
    help: values.help ?? false,
  };
}
