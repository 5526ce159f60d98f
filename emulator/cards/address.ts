/**
 * Addresses as a card prints them: province, city, district, street and number, wrapped into lines the way the
 * 住址 field of a second-generation card wraps (about 11 Chinese characters a line, digits narrower).
 */
import { PROVINCES } from '../../miniprogram/shared/regions';
import { ESTATE_NAMES, STREET_NAMES, VILLAGE_NAMES } from './pools';
import type { Random } from './random';
import { CITIES, type CityPlaces, type District } from './regions';

/** Width of one line of the 住址 field, in Chinese characters. */
export const ADDRESS_LINE_WIDTH = 11;
/** Width of a digit or Latin letter relative to a Chinese character (the card's font prints them narrow). */
export const NARROW_CHARACTER_WIDTH = 0.6;

export interface Place {
  provinceCode: string;
  city: CityPlaces;
  district: District;
}

/** A random district of a province. */
export function pickPlace(random: Random, provinceCode: string): Place {
  const cities = CITIES[provinceCode];
  if (!cities) throw new RangeError(`Expected a province code of CITIES for province but received ${JSON.stringify(provinceCode)}`);
  const city = random.pick(cities);
  return { provinceCode, city, district: random.pick(city.districts) };
}

/** The width of a text in Chinese characters, digits and Latin letters counting as narrow. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\x20-\x7e]/.test(ch) ? NARROW_CHARACTER_WIDTH : 1;
  return width;
}

/** Splits an address into card lines, breaking anywhere (a real card breaks inside words and numbers too). */
export function wrapAddress(address: string, lineWidth = ADDRESS_LINE_WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of address) {
    if (line && textWidth(line + ch) > lineWidth + 1e-9) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

/** `北京市` + `东城区`, or `广东省` + `深圳市` + `福田区`. */
export function placePrefix(place: Place): string {
  return PROVINCES[place.provinceCode] + place.city.city + place.district.name;
}

/** What follows the district: a street and number, maybe a building and a room, or a village. */
export function streetPart(random: Random, shape: 'short' | 'any'): string {
  const street = random.pick(STREET_NAMES);
  if (shape === 'short') return `${street.length <= 3 ? street : STREET_NAMES[0]}${random.int(1, 9)}号`;
  const number = random.int(1, 999);
  const kind = random.next();
  if (kind < 0.25) return `${street}${number}号`;
  if (kind < 0.6) return `${street}${number}号${random.int(1, 30)}栋${random.int(1, 6)}单元${random.int(1, 33)}0${random.int(1, 6)}室`;
  if (kind < 0.85) return `${street}${number}号${random.pick(ESTATE_NAMES)}${random.int(1, 20)}栋${random.int(1, 28)}0${random.int(1, 4)}室`;
  return `${random.pick(VILLAGE_NAMES)}村${random.int(1, 12)}组${random.int(1, 99)}号`;
}

/** The issuing authority for a place: `北京市公安局东城分局`, `深圳市公安局福田分局`. */
export function authorityOf(place: Place): string {
  const city = place.city.city || PROVINCES[place.provinceCode];
  const district = place.district.name.replace(/(新区|区)$/, '');
  return `${city}公安局${district}分局`;
}
