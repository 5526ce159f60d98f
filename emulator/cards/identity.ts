/**
 * Seeded synthetic identities that follow the ID-number rules (GB 11643-1999), or break exactly one of them on
 * purpose. Nothing here is a real person: names are random pairings and numbers are computed, not collected.
 */
import { checkCharacter } from '../../miniprogram/shared/id-number';
import { PROVINCES } from '../../miniprogram/shared/regions';
import { authorityOf, pickPlace, placePrefix, streetPart, wrapAddress, type Place } from './address';
import { GIVEN_NAME_CHARACTERS, MINORITY_ETHNICITIES, SURNAMES } from './pools';
import { createRandom, type Random, type Seed } from './random';
import { CITIES } from './regions';
import type { ExpectedBack, ExpectedFront, Gender, Identity, IdentityOverrides, Validity } from './types';

/** Cards are issued up to this year, so a seed gives the same card whatever today is. */
const LAST_ISSUE_YEAR = 2024;
/** Re-draw most issue dates that would already be expired on this day, so most cards are current. */
const CURRENT_ON = 20250101;
const ISSUING_PROVINCES = Object.keys(CITIES);
const MUNICIPALITIES = ISSUING_PROVINCES.filter((code) => CITIES[code].some((city) => city.city === ''));

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function randomDate(random: Random, fromYear: number, toYear: number, maxDay = 31): string {
  const year = random.int(fromYear, toYear);
  const month = random.int(1, 12);
  const day = random.int(1, Math.min(maxDay, daysInMonth(year, month)));
  return `${year}${pad(month)}${pad(day)}`;
}

function assertDate(value: string, option: string): void {
  const ok = /^\d{8}$/.test(value) && Number(value.slice(4, 6)) >= 1 && Number(value.slice(4, 6)) <= 12 &&
    Number(value.slice(6)) >= 1 && Number(value.slice(6)) <= daysInMonth(Number(value.slice(0, 4)), Number(value.slice(4, 6)));
  if (!ok) throw new RangeError(`Expected a real date YYYYMMDD for ${option} but received ${JSON.stringify(value)}`);
}

/** The validity the law gives by age at issue: under 16: 5 years, 16–25: 10, 26–45: 20, older: long-term. */
export function validityForAge(age: number): Validity {
  if (age < 16) return 5;
  if (age < 26) return 10;
  if (age < 46) return 20;
  return '长期';
}

function ageOn(birth: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birth.slice(0, 4));
  return day.slice(4) < birth.slice(4) ? years - 1 : years;
}

function addYears(day: string, years: number): string {
  return `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;
}

function pickName(random: Random): string {
  const surname = random.pick(SURNAMES);
  const given = random.pick(GIVEN_NAME_CHARACTERS) + (random.chance(0.7) ? random.pick(GIVEN_NAME_CHARACTERS) : '');
  return surname + given;
}

function pickValidity(random: Random, birth: string, overrides: IdentityOverrides): { validFrom: string; validTo: string } {
  const birthYear = Math.min(Number(birth.slice(0, 4)), LAST_ISSUE_YEAR - 1);
  let validFrom = overrides.validFrom ?? '';
  let validity: Validity = overrides.validity ?? 5;
  for (let attempt = 0; attempt < 10; attempt++) {
    if (!overrides.validFrom) validFrom = randomDate(random, Math.max(2005, Math.min(birthYear + 5, LAST_ISSUE_YEAR)), LAST_ISSUE_YEAR, 28);
    validity = overrides.validity ?? validityForAge(ageOn(birth, validFrom));
    const expired = validity !== '长期' && Number(addYears(validFrom, validity)) < CURRENT_ON;
    if (overrides.validFrom || !expired || random.chance(0.2)) break;
  }
  return { validFrom, validTo: validity === '长期' ? '长期' : addYears(validFrom, validity) };
}

function sequenceFor(random: Random, gender: Gender): number {
  const parity = gender === '男' ? 1 : 0;
  return random.int(0, 49) * 10 + random.int(0, 4) * 2 + parity;
}

function numberWith(region: string, birth: string, sequence: number): string {
  const first17 = region + birth + pad(sequence, 3);
  return first17 + checkCharacter(first17);
}

function addressFor(random: Random, place: Place, lineCount: IdentityOverrides['addressLineCount']): string[] {
  const prefix = placePrefix(place);
  for (let attempt = 0; attempt < 200; attempt++) {
    const lines = wrapAddress(prefix + streetPart(random, lineCount === 1 ? 'short' : 'any'));
    if (lineCount === undefined ? lines.length <= 3 : lines.length === lineCount) return lines;
  }
  throw new RangeError(`Cannot fit an address of ${PROVINCES[place.provinceCode]} on ${lineCount} line(s) for addressLineCount`);
}

/**
 * A synthetic identity for a seed. The same seed and overrides always give the same identity.
 *
 * @example
 * const valid = generateIdentity(7);
 * const broken = generateIdentity(7, { flaw: 'checkCharacter' });
 * const longTerm = generateIdentity('sample', { validity: '长期', nationality: '蒙古' });
 */
export function generateIdentity(seed: Seed, overrides: IdentityOverrides = {}): Identity {
  if (overrides.birth !== undefined) assertDate(overrides.birth, 'birth');
  if (overrides.validFrom !== undefined) assertDate(overrides.validFrom, 'validFrom');
  if (overrides.province !== undefined && !CITIES[overrides.province]) {
    throw new RangeError(`Expected a province code of ${ISSUING_PROVINCES.join(',')} for province but received ${JSON.stringify(overrides.province)}`);
  }
  // The flaw draws from its own stream, so a broken identity is the valid one of the same seed with one rule broken.
  const random = createRandom(seed, 'identity');
  const flawRandom = createRandom(seed, 'flaw');
  const flaw = overrides.flaw ?? null;

  const provinceCode = overrides.province ?? random.pick(overrides.addressLineCount === 1 ? MUNICIPALITIES : ISSUING_PROVINCES);
  let place = pickPlace(random, provinceCode);
  // One line holds about 11 characters: only a short municipality district leaves room for a street.
  for (let attempt = 0; overrides.addressLineCount === 1 && placePrefix(place).length > 6 && attempt < 20; attempt++) {
    place = pickPlace(random, provinceCode);
  }
  const gender: Gender = overrides.gender ?? (random.chance(0.5) ? '男' : '女');
  const nationality = overrides.nationality ?? (random.chance(0.8) ? '汉' : random.pick(MINORITY_ETHNICITIES));
  const name = overrides.name ?? pickName(random);
  const realBirth = overrides.birth ?? randomDate(random, 1950, 2008);
  const { validFrom, validTo } = pickValidity(random, realBirth, overrides);
  let sequence = sequenceFor(random, gender);
  let addressPlace = place;
  let addressLines = addressFor(random, place, overrides.addressLineCount);

  let birth = realBirth;
  if (flaw === 'impossibleDate') birth = '19990230';
  if (flaw === 'futureBirth') birth = randomDate(flawRandom, 2080, 2089);
  if (flaw === 'genderMismatch') sequence ^= 1;
  if (flaw === 'provinceMismatch') {
    addressPlace = pickPlace(flawRandom, flawRandom.pick(ISSUING_PROVINCES.filter((code) => code !== provinceCode)));
    addressLines = addressFor(flawRandom, addressPlace, overrides.addressLineCount);
  }
  if (overrides.idEndsInX) {
    while (!numberWith(place.district.code, birth, sequence).endsWith('X')) sequence = (sequence + 2) % 1000;
  }
  let id = numberWith(place.district.code, birth, sequence);
  if (flaw === 'checkCharacter') {
    id = id.slice(0, 17) + flawRandom.pick('0123456789X'.replace(id[17], '').split(''));
  }
  return { name, gender, nationality, birth, addressLines, id, authority: authorityOf(addressPlace), validFrom, validTo, flaw };
}

/** What a recognizer must read from the front of this identity's card (WeChat's shape plus `birth`). */
export function expectedFront(identity: Identity): ExpectedFront {
  const { name, id, gender, nationality, birth } = identity;
  return { type: 'Front', name, id, addr: identity.addressLines.join(''), gender, nationality, birth };
}

/** What a recognizer must read from the back of this identity's card (WeChat's shape plus `authority`). */
export function expectedBack(identity: Identity): ExpectedBack {
  return { type: 'Back', valid_date: `${identity.validFrom}-${identity.validTo}`, authority: identity.authority };
}
