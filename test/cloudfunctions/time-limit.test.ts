import { withTimeLimit } from '../../cloudfunctions/ocrIdcard/src/time-limit';

describe('withTimeLimit', () => {
  it('settles like the work when it finishes first', async () => {
    await expect(withTimeLimit(Promise.resolve('done'), 1_000, () => 'late')).resolves.toBe('done');
    await expect(withTimeLimit(Promise.reject(new Error('failed')), 1_000, () => 'late')).rejects.toThrow('failed');
  });

  it('answers with the fallback when the work never settles', async () => {
    await expect(withTimeLimit(new Promise<string>(() => undefined), 5, () => 'fallback')).resolves.toBe('fallback');
  });

  it('rejects when the fallback throws', async () => {
    const limited = withTimeLimit(new Promise<string>(() => undefined), 5, () => {
      throw { errCode: -501001 };
    });
    await expect(limited).rejects.toEqual({ errCode: -501001 });
  });
});
