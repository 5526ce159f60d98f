/**
 * The per-user limit in the handler: checked after the event is read and before any download, fetch or image
 * work; an upload is still deleted when the limit refuses the call.
 */
import { handle } from '../../cloudfunctions/ocrIdcard/src/handler';
import type { PreparedImageDetails } from '../../cloudfunctions/ocrIdcard/src/prepare-image';
import type { QuotaOutcome } from '../../cloudfunctions/ocrIdcard/src/user-quota';
import { fakePlatform, fileIdOf } from '../cloudfunctions/support/platform-fakes';

const notExpected = async (): Promise<PreparedImageDetails> => {
  throw new Error('no image work expected');
};

function platformWithQuota(outcome: QuotaOutcome) {
  const fake = fakePlatform({ prepareImage: notExpected, files: { [fileIdOf('front.jpg')]: Buffer.from('synthetic') }, fetched: Buffer.from('x') });
  let asked = 0;
  fake.deps.checkQuota = async () => {
    asked++;
    return outcome;
  };
  return { ...fake, asked: () => asked };
}

const OVER: QuotaOutcome = { status: 'over-limit', failure: { errCode: 910001, errMsg: 'user daily limit reached: at most 2 recognitions a day', message: '您今天的识别次数已用完，请明天再试' } };

it.each([
  ['fileID', { fileID: fileIdOf('front.jpg') }],
  ['imgUrl', { imgUrl: 'https://img.example.com/a.jpg' }],
  ['img', { img: { contentType: 'image/jpeg', value: Buffer.from('synthetic').toString('base64') } }],
])('over the limit, a %s call ends with 910001 before any image work', async (_source, event) => {
  const fake = platformWithQuota(OVER);
  const result = await handle(event, fake.deps);
  expect(result).toEqual(OVER.failure);
  expect(fake.calls.downloads).toEqual([]);
  expect(fake.calls.fetched).toEqual([]);
  expect(fake.calls.prepared).toEqual([]);
  expect(fake.calls.ocr).toEqual([]);
  expect(fake.logs).toEqual([expect.objectContaining({ errCode: 910001, quota: 'over-limit' })]);
});

it('still deletes the upload of a refused call: nothing is kept', async () => {
  const fake = platformWithQuota(OVER);
  await handle({ fileID: fileIdOf('front.jpg') }, fake.deps);
  expect(fake.calls.removed).toEqual([fileIdOf('front.jpg')]);
});

it('does not count an event it cannot read', async () => {
  const fake = platformWithQuota(OVER);
  expect((await handle({ type: 'photo' }, fake.deps)).errCode).toBe(40097);
  expect(fake.asked()).toBe(0);
});

it('goes on when the database could not be asked, and logs its code', async () => {
  const fake = platformWithQuota({ status: 'unavailable', errCode: -501001 });
  const failed = { thrown: { errCode: 101000, errMsg: 'invalid image url: private address' } };
  fake.deps.fetchImage = async () => {
    throw failed.thrown;
  };
  const result = await handle({ imgUrl: 'https://img.example.com/a.jpg' }, fake.deps);
  expect(result.errCode).toBe(101000);
  expect(fake.logs).toEqual([expect.objectContaining({ quota: 'unavailable', quotaErrCode: -501001 })]);
});
