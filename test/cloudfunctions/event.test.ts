import { ERROR_TABLE } from '../../miniprogram/shared/errors';
import { base64LengthFor, parseEvent, type ParsedEvent } from '../../cloudfunctions/ocrIdcard/src/event';
import { ownEnvId, parseFileId } from '../../cloudfunctions/ocrIdcard/src/file-id';

const ENV = 'prod-1a2b3c';
const FILE_ID = `cloud://${ENV}.7072-${ENV}-1300000000/idcard/front.jpg`;
const RULES = { envId: ENV, maxInputBytes: 3000 };
const PNG_BASE64 = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');

function refusal(parsed: ParsedEvent): string {
  if (parsed.ok) throw new Error(`expected a refusal, got ${JSON.stringify(parsed.request)}`);
  expect(parsed.failure).toMatchObject({ errCode: 40097, message: ERROR_TABLE.INVALID_ARGS.message });
  return parsed.failure.errMsg;
}

describe('parseEvent', () => {
  it('applies the defaults: type photo, keepFile false, no side', () => {
    expect(parseEvent({ fileID: FILE_ID }, RULES)).toEqual({ ok: true, request: { type: 'photo', source: { kind: 'fileID', fileID: FILE_ID }, keepFile: false } });
  });

  it('takes every field as given, and ignores the userInfo the platform adds', () => {
    const event = { type: 'scan', fileID: FILE_ID, side: 'Back', keepFile: true, userInfo: { appId: 'wx0', openId: 'o-synthetic' } };
    expect(parseEvent(event, RULES)).toEqual({
      ok: true,
      request: { type: 'scan', source: { kind: 'fileID', fileID: FILE_ID }, side: 'Back', keepFile: true },
    });
  });

  it('treats null like an absent field', () => {
    expect(parseEvent({ fileID: FILE_ID, imgUrl: null, img: null, type: null, side: null, keepFile: null }, RULES)).toMatchObject({ ok: true });
  });

  it('accepts an http(s) imgUrl and an inline base64 image', () => {
    expect(parseEvent({ imgUrl: 'https://img.example.com/a.jpg?sig=1' }, RULES)).toMatchObject({ ok: true, request: { source: { kind: 'imgUrl' } } });
    expect(parseEvent({ img: { contentType: 'image/png', value: PNG_BASE64 } }, RULES)).toMatchObject({
      ok: true,
      request: { source: { kind: 'img', contentType: 'image/png', base64: PNG_BASE64 } },
    });
  });

  it.each([
    [{}, /exactly one of fileID, imgUrl, img .* none/],
    [{ fileID: FILE_ID, imgUrl: 'https://a.example/x.jpg' }, /received fileID and imgUrl/],
    [{ fileID: FILE_ID, img: { contentType: 'image/png', value: PNG_BASE64 } }, /received fileID and img/],
  ])('refuses anything but exactly one source: %j', (event, reason) => {
    expect(refusal(parseEvent(event, RULES))).toMatch(reason);
  });

  it.each([undefined, null, 'fileID', 42, [FILE_ID]])('refuses an event that is not an object: %j', (event) => {
    expect(refusal(parseEvent(event, RULES))).toMatch(/event must be an object/);
  });

  it.each([
    [{ fileID: FILE_ID, type: 'Photo' }, /type must be one of photo, scan but received "Photo"/],
    [{ fileID: FILE_ID, type: 1 }, /type must be one of photo, scan but received number/],
    [{ fileID: FILE_ID, side: 'front' }, /side must be one of Front, Back/],
    [{ fileID: FILE_ID, keepFile: 'yes' }, /keepFile must be a boolean/],
  ])('refuses a bad option: %j', (event, reason) => {
    expect(refusal(parseEvent(event, RULES))).toMatch(reason);
  });

  it.each([
    [{ fileID: 42 }, /fileID must be a string/],
    [{ fileID: 'https://x.example/a.jpg' }, /cloud:\/\/<envId>/],
    [{ fileID: `cloud://${ENV}/a.jpg` }, /cloud:\/\/<envId>/],
    [{ fileID: 'cloud://other-env.7072-other-env-1300000000/a.jpg' }, /belongs to environment other-env/],
  ])('refuses a bad or foreign fileID: %j', (event, reason) => {
    expect(refusal(parseEvent(event, RULES))).toMatch(reason);
  });

  it('refuses every fileID when the function cannot tell its own environment', () => {
    expect(refusal(parseEvent({ fileID: FILE_ID }, { ...RULES, envId: undefined }))).toMatch(/cannot tell its own environment/);
  });

  it('refuses an imgUrl that is not a string', () => {
    expect(refusal(parseEvent({ imgUrl: 42 }, RULES))).toMatch(/imgUrl must be a string but received number/);
  });

  // What a URL says is the URL guard's to refuse, with 101000 (test/security/url-guard.test.ts).
  it.each(['ftp://x.example/a.jpg', 'file:///etc/passwd', 'not a url', `https://x.example/${'a'.repeat(2100)}`])('leaves %s to the URL guard', (imgUrl) => {
    expect(parseEvent({ imgUrl }, RULES)).toMatchObject({ ok: true, request: { source: { kind: 'imgUrl', url: imgUrl } } });
  });

  it.each([
    [{ img: 'abc' }, /img must be \{ contentType, value \}/],
    [{ img: { value: PNG_BASE64 } }, /img.contentType must be an image MIME type/],
    [{ img: { contentType: 'text/plain', value: PNG_BASE64 } }, /img.contentType/],
    [{ img: { contentType: 'image/png', value: '' } }, /non-empty base64/],
    [{ img: { contentType: 'image/png', value: 'not base64!' } }, /not base64/],
    [{ img: { contentType: 'image/png', value: { type: 'Buffer', data: [1, 2] } } }, /non-empty base64 but received object/],
  ])('refuses a bad inline image: %j', (event, reason) => {
    expect(refusal(parseEvent(event, RULES))).toMatch(reason);
  });

  it('measures the inline image on its base64 text, before decoding it', () => {
    const atLimit = 'A'.repeat(base64LengthFor(RULES.maxInputBytes));
    expect(parseEvent({ img: { contentType: 'image/jpeg', value: atLimit } }, RULES)).toMatchObject({ ok: true });
    // One character over, and not even base64: refused for its size, without being scanned.
    const over = '!'.repeat(base64LengthFor(RULES.maxInputBytes) + 1);
    expect(refusal(parseEvent({ img: { contentType: 'image/jpeg', value: over } }, RULES))).toMatch(/at most 3000 bytes/);
  });
});

describe('file IDs and the own environment', () => {
  it('splits a file ID', () => {
    expect(parseFileId(FILE_ID)).toEqual({ envId: ENV, bucket: `7072-${ENV}-1300000000`, path: 'idcard/front.jpg' });
    expect(parseFileId('cloud://env.bucket/')).toBeUndefined();
    expect(parseFileId('cloud://a.b.c/d')).toMatchObject({ envId: 'a', bucket: 'b.c', path: 'd' });
  });

  it('finds the environment where wx-server-sdk finds it: getWXContext().ENV, TCB_ENV, SCF_NAMESPACE', () => {
    expect(ownEnvId({ contextEnv: 'ctx-env', variables: { TCB_ENV: 'tcb-env' } })).toBe('ctx-env');
    expect(ownEnvId({ variables: { TCB_ENV: 'tcb-env', SCF_NAMESPACE: 'scf-env' } })).toBe('tcb-env');
    expect(ownEnvId({ variables: { SCF_NAMESPACE: 'scf-env' } })).toBe('scf-env');
    expect(ownEnvId({ variables: {} })).toBeUndefined();
  });

  it("does not take DevTools' local debugging name for an environment", () => {
    expect(ownEnvId({ variables: { TCB_ENV: 'local', TENCENTCLOUD_RUNENV: 'WX_LOCAL_SCF' } })).toBeUndefined();
  });
});
