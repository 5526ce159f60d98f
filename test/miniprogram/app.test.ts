/**
 * app.ts: starts cloud development with the environment id of config.ts. `App` does not exist under
 * miniprogram-simulate, so this test provides it and runs the registered onLaunch.
 */
import { CLOUD_ENV_ID } from '../../miniprogram/config';
import { stubWx, type WxStubs } from './support/wx';

type AppOptions = { onLaunch(): void };
let registered: AppOptions | undefined;
let wxStubs: WxStubs;

beforeAll(() => {
  (globalThis as unknown as { App: (options: AppOptions) => void }).App = (options) => {
    registered = options;
  };
  jest.isolateModules(() => {
    require('../../miniprogram/app');
  });
});

beforeEach(() => {
  wxStubs = stubWx();
});

test('onLaunch initialises wx.cloud with the configured environment (DevTools\' own when empty)', () => {
  registered!.onLaunch();
  expect(wxStubs.cloudInit).toHaveBeenCalledTimes(1);
  const config = wxStubs.cloudInit.mock.calls[0][0] as { env?: string; traceUser: boolean };
  expect(config.env).toBe(CLOUD_ENV_ID || undefined);
  expect(config.traceUser).toBe(true);
});

test('without wx.cloud (a base library before 2.2.3) it says what to change instead of crashing', () => {
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  delete (wx as unknown as { cloud?: unknown }).cloud;
  expect(() => registered!.onLaunch()).not.toThrow();
  expect(error).toHaveBeenCalledWith(expect.stringContaining('2.2.3'));
  error.mockRestore();
});
