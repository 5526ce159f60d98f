/**
 * The function's time budget against a WeChat or a storage that does not answer: the page gets a clean
 * -501001 before the budget runs out, instead of the platform killing the function. A short budget
 * (OCR_IDCARD_BUDGET_MS) keeps the test quick; the SDK timeout is half of it.
 */
import { makeCardImage } from '../../emulator/cards';
import { userMessage } from '../../miniprogram/shared/errors';
import { E2E_TIMEOUT_MS, useEmulatedFunction } from './support';

jest.setTimeout(E2E_TIMEOUT_MS);

const BUDGET_MS = 4000;
/** Far longer than the budget: only the function's own limits can end these calls in time. */
const HANG_MS = 60_000;

const cloud = useEmulatedFunction({
  // No recognition happens here: every call is cut short before an answer.
  emulator: { recognizer: { recognize: () => Promise.reject(new Error('no call expected to get this far')) } },
  env: (emulator) => ({ ...emulator.env(), OCR_IDCARD_BUDGET_MS: String(BUDGET_MS) }),
});
let card: Buffer;

beforeAll(async () => {
  card = (await makeCardImage({ seed: 'e2e-budget', side: 'Front', mode: 'scan', format: 'jpeg', size: 'small' })).buffer;
});

/** Runs one call and says how long it took, for the one behaviour here that is about time: the budget. */
async function timed(event: Record<string, unknown>): Promise<{ result: unknown; ms: number }> {
  const started = Date.now();
  const result = await cloud.fn.main(event);
  return { result, ms: Date.now() - started };
}

const timeout = { errCode: -501001, errMsg: expect.any(String), message: userMessage(-501001) };

it('answers -501001 inside the budget when ocr.idcard answers after the SDK timeout', async () => {
  cloud.emulator.faults.inject({ kind: 'slow', ms: HANG_MS }, { times: 2 });
  const { result, ms } = await timed({ type: 'scan', img: { contentType: 'image/jpeg', value: card.toString('base64') } });
  expect(result).toEqual(timeout);
  expect(ms).toBeLessThan(BUDGET_MS);
});

it('answers -501001 inside the budget when the file download hangs (the SDK sets no timeout on it)', async () => {
  const fileID = cloud.emulator.putFile('idcard/hanging.jpg', card);
  cloud.emulator.faults.inject({ kind: 'slow', ms: HANG_MS }, { scope: 'download' });
  const { result, ms } = await timed({ fileID, type: 'scan' });
  expect(result).toEqual(timeout);
  expect(ms).toBeLessThan(BUDGET_MS);
  // The upload is still deleted: the page cannot retry with it, and it must not linger.
  expect(cloud.emulator.storage.has(fileID)).toBe(false);
});
