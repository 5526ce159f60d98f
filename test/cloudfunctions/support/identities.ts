/**
 * Synthetic identities for tests: made-up names and addresses, ID numbers built by the rules with a correct
 * check character. None belongs to a real person.
 */
import { checkCharacter } from '../../../miniprogram/shared/id-number';

/** An ID number from its parts, with the right check character. */
export function idNumber(region: string, birthYmd: string, sequence: string): string {
  const first17 = `${region}${birthYmd}${sequence}`;
  return first17 + checkCharacter(first17);
}

/** The same number with a wrong check character. */
export function withWrongCheck(id: string): string {
  const wrong = '10X98765432'.split('').find((c) => c !== id[17]) as string;
  return id.slice(0, 17) + wrong;
}

/** Beijing, born 1990-03-07, sequence 123 (odd: male). */
export const MALE_BEIJING = {
  name: '测试甲',
  id: idNumber('110105', '19900307', '123'),
  addr: '北京市朝阳区测试路1号',
  gender: '男',
  nationality: '汉',
};

/** Guangdong, born 1985-12-31, sequence 244 (even: female). */
export const FEMALE_GUANGDONG = {
  name: '样例乙',
  id: idNumber('440106', '19851231', '244'),
  addr: '广东省广州市天河区样例街2号',
  gender: '女',
  nationality: '汉',
};

/** Find a number whose check character is X, so the X rule is exercised. */
export function idEndingInX(): string {
  for (let seq = 100; seq < 1000; seq++) {
    const id = idNumber('110105', '19491231', String(seq));
    if (id.endsWith('X')) return id;
  }
  throw new Error('no sequence gives X');
}
