/**
 * Accent- and case-insensitive matching for names and search text: "Lëtzebuerg", "LETZEBUERG"
 * and "letzebuerg" fold to the same string. NFKD splits letters from their accents; a few
 * letters that carry no combining mark are spelled out by hand.
 */
const SPELLED_OUT: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', ı: 'i' };

export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđłı]/g, (letter) => SPELLED_OUT[letter] ?? letter);
}

/** Folded words: runs of letters and digits; punctuation, apostrophes and hyphens separate them. */
export function foldedWords(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}
