import { createHash } from 'node:crypto';
import { unportableNamePart } from '../evidence-items/portable-name.js';

/**
 * Latin letters that Unicode decomposition leaves as they are, with the ASCII a reader would write
 * for them. Lowercase only: the name is lowercased first.
 */
const LATIN_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŋ: 'ng',
  ĸ: 'k',
};
const LATIN = new RegExp(`[${Object.keys(LATIN_LETTERS).join('')}]`, 'gu');

/** Lowercase, decomposed, without combining marks, the letters of `LATIN_LETTERS` spelled out. */
const spelled = (text: string) => text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(LATIN, (letter) => LATIN_LETTERS[letter]!);

/** The id a file name gives, and what of the name did not make it into the id. */
export interface FileNameId {
  id: string;
  /** Letters and digits of the name with no ASCII spelling, left out of the id (each once, in order). */
  dropped: string[];
  /** The name gave no ASCII letter or digit: the id is `policy-` and the first digits of a hash of the name. */
  hashed: boolean;
  /** The name gave a device name Windows reserves (`aux`): `-policy` was added. */
  reserved: boolean;
}

/** The name of a file without its folders and its `.md` or `.markdown` extension. */
export const fileNameBase = (name: string) => name.split('/').pop()!.replace(/\.(md|markdown)$/i, '');

/**
 * The kebab-case id (`^[a-z0-9]+(-[a-z0-9]+)*$`, a name every operating system can write) a file
 * name gives. The name is lowercased and decomposed (NFKD) and its combining marks dropped, so
 * `Política de acceso.md` gives `politica-de-acceso` and `ｆｕｌｌ.md` gives `full`; the Latin letters
 * decomposition leaves alone are spelled as in `LATIN_LETTERS` (`ß` → `ss`, `ø` → `o`); every other
 * run of characters becomes one dash, and letters with no ASCII spelling (`数据`) are left out and
 * listed in `dropped`. A name left with no ASCII letter or digit gives `policy-` followed by the first 8 hex
 * digits of the SHA-256 of its NFC form (the same name always gives the same id); a device name
 * Windows reserves (`aux`) is followed by `-policy`. Pure.
 */
export function fileNameId(name: string): FileNameId {
  const base = fileNameBase(name).normalize('NFC');
  const kebab = spelled(base).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const dropped = [...new Set([...base].filter((c) => /[\p{L}\p{N}]/u.test(c) && !/[a-z0-9]/.test(spelled(c))))];
  if (kebab === '') return { id: `policy-${createHash('sha256').update(base).digest('hex').slice(0, 8)}`, dropped, hashed: true, reserved: false };
  if (unportableNamePart(kebab) !== undefined) return { id: `${kebab}-policy`, dropped, hashed: false, reserved: true };
  return { id: kebab, dropped, hashed: false, reserved: false };
}
