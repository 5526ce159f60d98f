/**
 * Registers the Noto Sans SC faces of `@embedpdf/fonts-sc` with @napi-rs/canvas once per process, so cards render
 * the same on every machine without any system font or fontconfig.
 */
import path from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';

/** Font family names to use in a canvas `font` string. */
export const FONT = {
  regular: 'IdcardSansRegular',
  medium: 'IdcardSansMedium',
  bold: 'IdcardSansBold',
} as const;

const FILES: Record<keyof typeof FONT, string> = {
  regular: 'NotoSansHans-Regular.otf',
  medium: 'NotoSansHans-Medium.otf',
  bold: 'NotoSansHans-Bold.otf',
};

let registered = false;

/** Registers the card fonts (idempotent). Throws when the font package is missing. */
export function registerCardFonts(): void {
  if (registered) return;
  const dir = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  for (const key of Object.keys(FONT) as (keyof typeof FONT)[]) {
    const file = path.join(dir, FILES[key]);
    if (!GlobalFonts.registerFromPath(file, FONT[key])) throw new Error(`Cannot register the card font ${file}`);
  }
  registered = true;
}
