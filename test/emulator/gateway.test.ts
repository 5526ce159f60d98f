/**
 * The gateway itself: the checks it makes before any action runs, and the action table other modules extend.
 */
import { registerAction, startEmulator, type Emulator } from '../../emulator';
import { decodeCommApiData, decodeCommOpenApiResp, encodeCommApiData } from '../../emulator/gateway/protobuf';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ recognizer: { recognize: () => Promise.reject(new Error('not used')) } });
});
afterAll(() => emulator.stop());

/** Posts a JSON gateway request the way the SDK does (signed, envName in the body). */
async function post(body: Record<string, unknown>, headers: Record<string, string> = { authorization: 'TC3-HMAC-SHA256 Credential=x' }) {
  const res = await fetch(`${emulator.url}/admin?env=local-env`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ envName: 'local-env', ...body }),
  });
  return (await res.json()) as Record<string, unknown>;
}

describe('requests the gateway refuses', () => {
  it('answers INVALID_ENV for another env', async () => {
    expect(await post({ action: 'storage.batchDeleteFile', fileid_list: ['x'], envName: 'prod-env' })).toMatchObject({ code: 'INVALID_ENV' });
  });

  it('answers SIGN_PARAM_INVALID without a TC3 signature', async () => {
    expect(await post({ action: 'storage.batchDeleteFile', fileid_list: ['x'] }, {})).toMatchObject({ code: 'SIGN_PARAM_INVALID' });
  });

  it('answers INVALID_ACTION for an action nobody registered', async () => {
    expect(await post({ action: 'functions.invokeFunction' })).toMatchObject({ code: 'INVALID_ACTION' });
  });

  it('answers INVALID_PARAM for a body that is not JSON', async () => {
    const res = await fetch(`${emulator.url}/admin`, { method: 'POST', headers: { authorization: 'TC3-HMAC-SHA256 x' }, body: '{oops' });
    expect(await res.json()).toMatchObject({ code: 'INVALID_PARAM' });
  });

  it('answers INVALID_PARAM for storage actions without a file list', async () => {
    expect(await post({ action: 'storage.batchGetDownloadUrl', file_list: [] })).toMatchObject({ code: 'INVALID_PARAM' });
  });
});

describe('the action table', () => {
  it('serves an action added with registerAction, until it is removed', async () => {
    const remove = registerAction('test.echo', {
      handle: async (request) => ({ kind: 'json', body: { data: { collection: request.params.collectionName }, requestId: '' } }),
    });
    try {
      expect(await post({ action: 'test.echo', collectionName: 'quota' })).toEqual({ data: { collection: 'quota' }, requestId: '' });
    } finally {
      remove();
    }
    expect(await post({ action: 'test.echo' })).toMatchObject({ code: 'INVALID_ACTION' });
  });

  it('lets one emulator override an action for itself only, with its fault scope', async () => {
    emulator.registerAction('storage.batchDeleteFile', {
      faultScope: 'storage',
      handle: async () => ({ kind: 'error', code: 'STORAGE_EXCEED_AUTHORITY', message: 'read-only bucket' }),
    });
    expect(await post({ action: 'storage.batchDeleteFile', fileid_list: ['x'] })).toMatchObject({ code: 'STORAGE_EXCEED_AUTHORITY' });
    emulator.faults.inject({ kind: 'http500' }, { scope: 'storage' });
    const res = await fetch(`${emulator.url}/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'TC3-HMAC-SHA256 x' },
      body: JSON.stringify({ action: 'storage.batchDeleteFile', envName: 'local-env', fileid_list: ['x'] }),
    });
    expect(res.status).toBe(500);
  });

  it('refuses a malformed action name, naming it', () => {
    expect(() => registerAction('drop tables', { handle: async () => ({ kind: 'json', body: {} }) })).toThrow(
      `Expected an action name like 'database.queryDocument' but received "drop tables"`,
    );
  });

  it('answers a handler that throws with SYS_ERR instead of crashing', async () => {
    const remove = registerAction('test.crash', {
      handle: async () => {
        throw new Error('boom');
      },
    });
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await post({ action: 'test.crash' })).toMatchObject({ code: 'SYS_ERR' });
    } finally {
      spy.mockRestore();
      remove();
    }
  });
});

describe('the protobuf codec', () => {
  // requestData as wx-server-sdk 4.0.2 sent it for ocr.idcard({ type: 'photo', img: { contentType: 'image/jpeg', value: Buffer.from('JPEGDATA') } }),
  // captured from the wire: the content type is not in the pair, the filename is.
  const captured = Buffer.from('0800122c0a0f0a047479706512072270686f746f220a190a03696d6712084a504547444154412208696d672e6a706567', 'hex');

  it('decodes the bytes the SDK sends', () => {
    expect(decodeCommApiData(captured)).toEqual({
      apiType: 0,
      appid: '',
      pairs: [
        { key: 'type', value: Buffer.from('"photo"'), contenttype: '', filename: '' },
        { key: 'img', value: Buffer.from('JPEGDATA'), contenttype: '', filename: 'img.jpeg' },
      ],
    });
  });

  it('round-trips a message through its own encoder', () => {
    const message = decodeCommApiData(captured);
    expect(decodeCommApiData(encodeCommApiData(message))).toEqual(message);
  });

  it('throws on bytes that are not the message', () => {
    expect(() => decodeCommApiData(Buffer.from([0x0a, 0xff, 0xff]))).toThrow();
    expect(() => decodeCommOpenApiResp(Buffer.from([0x0a, 0x05, 0x01]))).toThrow();
  });

  it('makes the gateway answer INVALID_PARAM for a requestData that is not the message', async () => {
    const form = new FormData();
    form.append('action', 'wx.openApi');
    form.append('apiName', 'ocr.idcard');
    form.append('envName', 'local-env');
    form.append('requestData', new Blob([Buffer.from([0x0a, 0xff, 0xff])], { type: 'application/octet-stream' }), 'requestData');
    const res = await fetch(`${emulator.url}/admin`, { method: 'POST', headers: { authorization: 'TC3-HMAC-SHA256 x' }, body: form });
    expect(await res.json()).toMatchObject({ code: 'INVALID_PARAM' });
  });
});
