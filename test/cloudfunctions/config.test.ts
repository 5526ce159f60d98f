import { ConfigError, DEFAULT_CONFIG, loadConfig } from '../../cloudfunctions/ocrIdcard/src/config';

describe('loadConfig', () => {
  it('takes the defaults when nothing is set, or a variable is empty', () => {
    expect(loadConfig({})).toEqual(DEFAULT_CONFIG);
    expect(loadConfig({ OCR_IDCARD_BUDGET_MS: '', OCR_IDCARD_MAX_BYTES: ' ' })).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG.maxBytes).toBe(2_000_000);
  });

  it('reads every variable', () => {
    expect(loadConfig({ OCR_IDCARD_BUDGET_MS: '25000', OCR_IDCARD_MAX_BYTES: '1500000', OCR_IDCARD_MAX_INPUT_BYTES: '8000000' })).toEqual({
      budgetMs: 25_000,
      maxBytes: 1_500_000,
      maxInputBytes: 8_000_000,
    });
  });

  it.each([
    ['OCR_IDCARD_BUDGET_MS', 'abc', /Expected integer between 1000 and 900000 for OCR_IDCARD_BUDGET_MS but received "abc"/],
    ['OCR_IDCARD_BUDGET_MS', '999', /OCR_IDCARD_BUDGET_MS/],
    ['OCR_IDCARD_BUDGET_MS', '1500.5', /OCR_IDCARD_BUDGET_MS/],
    ['OCR_IDCARD_MAX_BYTES', '2M', /OCR_IDCARD_MAX_BYTES but received "2M"/],
    ['OCR_IDCARD_MAX_INPUT_BYTES', '1000000', /between 2000000 and 100000000 for OCR_IDCARD_MAX_INPUT_BYTES/],
  ])('refuses %s=%j with a message naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
