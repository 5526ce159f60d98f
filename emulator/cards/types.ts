/**
 * Types of the synthetic card generator: the identity printed on a card and what a recognizer must read from it.
 */

export type Gender = '男' | '女';

/**
 * The one rule a deliberately broken identity breaks; everything else about it stays valid.
 * - `checkCharacter`: the 18th character of the ID number is wrong.
 * - `impossibleDate`: the number (and the 出生 line) holds 19990230, with a correct check character.
 * - `futureBirth`: the birth date is in the 2080s, with a correct check character.
 * - `genderMismatch`: the printed 性别 disagrees with the parity of the sequence digit.
 * - `provinceMismatch`: the address (and authority) are in another province than the number's region code.
 */
export type IdentityFlaw = 'checkCharacter' | 'impossibleDate' | 'futureBirth' | 'genderMismatch' | 'provinceMismatch';

export const IDENTITY_FLAWS: readonly IdentityFlaw[] = [
  'checkCharacter',
  'impossibleDate',
  'futureBirth',
  'genderMismatch',
  'provinceMismatch',
];

/** How long a card is valid: 5, 10 or 20 years, or long-term (长期). */
export type Validity = 5 | 10 | 20 | '长期';

/** Everything printed on both sides of one synthetic card. */
export interface Identity {
  name: string;
  /** As printed after 性别. */
  gender: Gender;
  /** As printed after 民族, without 族: `汉`, `蒙古`, `维吾尔`. */
  nationality: string;
  /** As printed after 出生, `YYYYMMDD` (the card prints `1990年3月7日`). */
  birth: string;
  /** The address as printed, one entry a line (1 to 3 lines of at most about 11 characters). */
  addressLines: string[];
  /** The 18-character ID number. */
  id: string;
  /** 签发机关, e.g. `深圳市公安局福田分局`. */
  authority: string;
  /** First day of validity, `YYYYMMDD`. */
  validFrom: string;
  /** Last day of validity `YYYYMMDD`, or `长期`. */
  validTo: string;
  /** The rule this identity breaks on purpose, or null for a valid one. */
  flaw: IdentityFlaw | null;
}

/** Choices a test can pin; anything left out is drawn from the seed. */
export interface IdentityOverrides {
  /** Break exactly one rule (see `IdentityFlaw`). */
  flaw?: IdentityFlaw | null;
  name?: string;
  gender?: Gender;
  nationality?: string;
  /** `YYYYMMDD`, a real date (use `flaw` for impossible or future ones). */
  birth?: string;
  /** A 2-digit province code of `PROVINCES` (not 71, 81 or 82). */
  province?: string;
  /** How many lines the address takes on the card. */
  addressLineCount?: 1 | 2 | 3;
  validity?: Validity;
  /** `YYYYMMDD`; the first day of validity. */
  validFrom?: string;
  /** Pick a sequence number whose check character is X. */
  idEndsInX?: boolean;
}

/** The front as WeChat's HTTPS `ocr.idcard` answers it, plus `birth`, which WeChat does not return. */
export interface ExpectedFront {
  type: 'Front';
  name: string;
  id: string;
  /** The address lines joined with no spaces. */
  addr: string;
  gender: Gender;
  nationality: string;
  /** From the 出生 line, `YYYYMMDD` (`1990年3月7日` -> `19900307`). */
  birth: string;
}

/** The back as WeChat's HTTPS `ocr.idcard` answers it, plus `authority` (签发机关), which WeChat does not return. */
export interface ExpectedBack {
  type: 'Back';
  /** `20070105-20270105` or `20100301-长期`. */
  valid_date: string;
  authority: string;
}

export type ExpectedCard = ExpectedFront | ExpectedBack;
