/**
 * The main job: start the emulator in this process, put each image into its storage as a phone upload would,
 * and run the built cloud function on it through the real wx-server-sdk, exactly as it runs in WeChat's cloud.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { OcrIdcardEvent, OcrIdcardResult, OcrType } from '../../miniprogram/shared/idcard';
import { startEmulator } from '..';
import type { FileOutcome } from './output';

export interface CardFile {
  /** As the user gave it (shown in the output). */
  path: string;
  type: OcrType;
}

export interface ReadCardsOptions {
  /** Recognise with the real WeChat HTTPS API (credentials from the caller's environment). */
  weixin: boolean;
  /** Called before each image. */
  onProgress?: (done: number, total: number, current: string) => void;
  /** The deployable function; the built one by default. */
  functionPath?: string;
}

interface CloudFunction {
  main(event: OcrIdcardEvent): Promise<OcrIdcardResult>;
}

export const BUILT_FUNCTION = path.resolve(__dirname, '..', '..', 'cloudfunctions', 'ocrIdcard', 'index.js');

/** Names the HTTPS mode reads; with `--weixin` they come from the user, not from the emulator. */
const USER_HTTPS_SETTINGS = ['OCR_IDCARD_APPID', 'OCR_IDCARD_APPSECRET', 'OCR_IDCARD_API_BASE'];

/** Reads every card in order; a file that cannot be read is an outcome too, the others still run. */
export async function readCards(files: CardFile[], options: ReadCardsOptions): Promise<FileOutcome[]> {
  const emulator = await startEmulator();
  try {
    const env = emulator.env({ mode: options.weixin ? 'https' : 'cloud' });
    if (options.weixin) for (const name of USER_HTTPS_SETTINGS) delete env[name];
    Object.assign(process.env, env);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built function is CommonJS, loaded as the cloud loads it
    const fn = require(options.functionPath ?? BUILT_FUNCTION) as CloudFunction;

    const outcomes: FileOutcome[] = [];
    for (const [index, file] of files.entries()) {
      options.onProgress?.(index, files.length, file.path);
      let bytes: Buffer;
      try {
        bytes = await fs.readFile(file.path);
      } catch (err) {
        outcomes.push({ file: file.path, error: (err as NodeJS.ErrnoException).code ?? String(err) });
        continue;
      }
      const fileID = emulator.putFile(`idcard/${index + 1}-${path.basename(file.path)}`, bytes);
      outcomes.push({ file: file.path, result: await fn.main({ fileID, type: file.type }) });
    }
    return outcomes;
  } finally {
    await emulator.stop();
  }
}
