import { code } from '../diagnostic.js';
import { fileNameBase } from './file-name-id.js';

/** The shortest and longest title the policy schema accepts, in characters (code points). */
export const TITLE_MIN = 3;
export const TITLE_MAX = 200;

/** Text that could give an imported policy its title, and where it was found ("the first heading"). */
export interface TitleSource {
  text: string | undefined;
  from: string;
}

export interface ImportedTitle {
  title: string;
  from: string;
  /** Why a human should look at the title: sources passed over, or a title shortened to `TITLE_MAX`. */
  needs?: string;
}

const length = (text: string) => [...text].length;

/**
 * The title a file name gives, its letters as written: the name without folders and extension, dashes
 * and underscores read as spaces. A name written all in lowercase (`política-de-acceso.md`) has each
 * word capitalised (`Política De Acceso`); any other keeps its casing (`Política de acceso.md` gives
 * `Política de acceso`). Pure.
 */
export function fileNameTitle(name: string): string {
  const words = fileNameBase(name).normalize('NFC').replace(/[\s_-]+/g, ' ').trim();
  return /\p{Lu}/u.test(words) ? words : words.replace(/(^|\s)(\p{Ll})/gu, (_, space: string, letter: string) => `${space}${letter.toUpperCase()}`);
}

/** Cut to `TITLE_MAX` characters at a word, without trailing punctuation, ending in one ellipsis. */
function shorten(text: string): string {
  const points = [...text];
  const head = points.slice(0, TITLE_MAX - 1).join('');
  // A word the cut runs through is left out whole.
  const atWord = /\s/.test(points[TITLE_MAX - 1]!) ? head : head.replace(/\s+\S*$/, '');
  const kept = (length(atWord) >= TITLE_MIN ? atWord : head).replace(/[\s.,;:!?…–—-]+$/u, '');
  return `${kept}…`;
}

/** Why a text cannot be a title as it is, or undefined. */
function unusable(text: string, from: string): string | undefined {
  if (text === '') return `${from} is empty`;
  if (!/[\p{L}\p{N}]/u.test(text)) return `${from} gives ${code(text)}, with no letter or digit`;
  if (length(text) < TITLE_MIN) return `${from} gives ${code(text)}, shorter than ${TITLE_MIN} characters`;
  return undefined;
}

/**
 * The title of an imported policy: the first source that gives one (its whitespace collapsed, cut to
 * `TITLE_MAX` characters at a word and ended with an ellipsis), passing over sources that are empty,
 * hold no letter or digit, or are shorter than `TITLE_MIN` characters; never padded. When none gives
 * one, `fallback` (the title the file name gives), followed by " Policy" if it is too short. Pure.
 */
export function importTitle(sources: readonly TitleSource[], fallback: { text: string; from: string }): ImportedTitle {
  const passed: string[] = [];
  const fitted = (source: { text: string; from: string }) => {
    const text = source.text.replace(/\s+/g, ' ').trim();
    return { text, title: length(text) > TITLE_MAX ? shorten(text) : text };
  };
  const chosen = (title: string, from: string, shortenedFrom?: string) => {
    const reasons = [...passed, ...(shortenedFrom !== undefined ? [`${from} gives ${length(shortenedFrom)} characters, more than ${TITLE_MAX}: shortened`] : [])];
    return { title, from, ...(reasons.length > 0 ? { needs: `confirm the title ${code(title)}, taken from ${from}: ${reasons.join('; ')}` } : {}) };
  };
  for (const source of sources) {
    if (source.text === undefined) continue;
    const { text, title } = fitted({ text: source.text, from: source.from });
    const why = unusable(title, source.from);
    if (why) passed.push(why);
    else return chosen(title, source.from, title === text ? undefined : text);
  }
  const { text, title } = fitted(fallback);
  if (unusable(title, fallback.from) === undefined) return chosen(title, fallback.from, title === text ? undefined : text);
  return chosen(`${title} Policy`.trim(), fallback.from);
}
