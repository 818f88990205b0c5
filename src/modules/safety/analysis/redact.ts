const MASK = '•••';

/** Local part replaced, domain kept: moderators need to see where mail comes from, not who got it. */
const EMAIL = /(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}._%+'-]{1,64}(@|%40)((?:[\p{L}\p{N}-]{1,63}\.){1,10}[\p{L}]{2,24})/gu;
const IBAN = /\b([A-Z]{2})\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b/g;
/** 13 to 19 digits in groups: payment card numbers. */
const CARD = /(?<![\p{N}])\d{4}(?:[ -]?\d{4}){2}[ -]?\d{1,7}(?![\p{N}])/gu;
const PHONE = /(?<![\p{L}\p{N}])(?:\(?\+\d{1,3}\)?[\s./-]{0,3}|00\d{2,3}[\s./-]{0,3})?\(?\d[\d\s./()-]{4,16}\d(?![\p{N}])/gu;
/** Codes people are asked to pass on: 4 to 8 digits standing alone, not a year or an amount. */
const CODE = /(?<![\p{L}\p{N}.,])\d{4,8}(?![\p{N}]|[.,]\d)/gu;
const YEAR = /^(?:19|20)\d{2}$/;
/** Greeting words are matched with either case of the first letter; the name must start with a capital. */
function firstLetterEitherCase(words: readonly string[]): string {
  return words.map((word) => `[${word[0]!.toUpperCase()}${word[0]!.toLowerCase()}]${word.slice(1).replace(/\./g, '\\.')}`).join('|');
}
const GREETINGS = [
  'dear', 'hello', 'hi', 'hey', 'good morning', 'bonjour', 'bonsoir', 'salut', 'cher', 'chère', 'hallo', 'liebe', 'lieber',
  'liebes', 'sehr geehrte', 'sehr geehrter', 'guten tag', 'moien', 'gudde moien', 'léif', 'léiwen', 'léiwe', 'leif', 'leiwen',
  'leiwe', 'olá', 'ola', 'caro', 'cara', 'prezado', 'prezada', 'bom dia', 'boa tarde', 'exmo.', 'exma.',
];
const HONORIFICS = [
  'mr.', 'mr', 'mrs.', 'mrs', 'ms.', 'ms', 'miss', 'dr.', 'dr', 'mme', 'mme.', 'mlle', 'm.', 'madame', 'monsieur',
  'mademoiselle', 'herr', 'frau', 'här', 'madamm', 'senhor', 'senhora', 'sr.', 'sra.', 'dona', 'dom',
];
/** A greeting in lb, fr, de, en or pt, then the name it addresses (up to three capitalised words). */
const GREETING = new RegExp(
  String.raw`((?<![\p{L}])(?:${firstLetterEitherCase(GREETINGS)})[ ]+(?:(?:${firstLetterEitherCase(HONORIFICS)})[ ]+)?)((?:\p{Lu}[\p{Ll}\p{Lu}'’-]{1,30}[ ]?){1,3})(?=[ ]*(?:[,!:;\n]|$))`,
  'gu',
);

function maskPhone(match: string): string {
  const digits = match.replace(/\D/g, '');
  if (digits.length < 5 || digits.length > 15) return match;
  const prefix = /^\(?\+\d{1,3}\)?|^00\d{3}/.exec(match.trim())?.[0];
  return prefix ? `${prefix.replace(/^00/, '+')} ${MASK}` : MASK;
}

/**
 * The message for a report to moderators with what identifies the person masked: e-mail
 * addresses (domain kept), phone numbers, IBANs, card numbers, codes and the name after a greeting.
 * Masks are applied from the most specific pattern to the least so that an IBAN is not half-eaten
 * by the phone pattern.
 */
export function redact(text: string): string {
  return text
    .replace(EMAIL, (_match, at: string, domain: string) => `${MASK}${at}${domain}`)
    .replace(IBAN, (_match, country: string) => `${country}${MASK}`)
    .replace(CARD, MASK)
    .replace(PHONE, maskPhone)
    .replace(CODE, (match) => (YEAR.test(match) ? match : MASK))
    .replace(GREETING, (_match, greeting: string, name: string) => `${greeting}${MASK}${name.endsWith(' ') ? ' ' : ''}`);
}
