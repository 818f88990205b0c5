/** Sentences the demo generator combines with the offer-type texts, in every UI language. */
import type { Locale } from '../../platform/i18n/locales.js';
import type { Audience, Mode } from './codes.js';
import type { Texts } from './offer-texts.js';

/** Appended to an offer's name when it is meant for one group in particular. */
export const AUDIENCE_NAME_SUFFIX: Readonly<Record<Exclude<Audience, 'everyone'>, Texts>> = {
  seniors: { lb: 'fir Senioren', fr: 'pour seniors', de: 'für Senioren', en: 'for older people', pt: 'para seniores' },
  disabilities: {
    lb: 'barrièrefräi',
    fr: 'accessible à tous',
    de: 'barrierefrei',
    en: 'accessible to all',
    pt: 'acessível a todos',
  },
  migrants_refugees: {
    lb: 'fir Nei-Ukomm',
    fr: 'pour primo-arrivants',
    de: 'für Neuangekommene',
    en: 'for newcomers',
    pt: 'para recém-chegados',
  },
  low_income: { lb: 'solidaresch', fr: 'solidaire', de: 'solidarisch', en: 'community rate', pt: 'solidário' },
  jobseekers: {
    lb: 'fir Aarbechtssichend',
    fr: "pour demandeurs d'emploi",
    de: 'für Arbeitsuchende',
    en: 'for jobseekers',
    pt: 'para quem procura emprego',
  },
  young_people: { lb: 'fir Jonker', fr: 'pour les jeunes', de: 'für Jugendliche', en: 'for young people', pt: 'para jovens' },
  women_girls: {
    lb: 'fir Fraen a Meedercher',
    fr: 'pour femmes et filles',
    de: 'für Frauen und Mädchen',
    en: 'for women and girls',
    pt: 'para mulheres e raparigas',
  },
  families: { lb: 'fir Famillen', fr: 'en famille', de: 'für Familien', en: 'for families', pt: 'em família' },
};

export const AUDIENCE_SENTENCE: Readonly<Record<Audience, Texts>> = {
  everyone: {
    lb: 'Fir jiddereen, ouni Virkenntnisser.',
    fr: 'Pour tout le monde, sans connaissances préalables.',
    de: 'Für alle, ohne Vorkenntnisse.',
    en: 'For everyone, no experience needed.',
    pt: 'Para todos, sem conhecimentos prévios.',
  },
  seniors: {
    lb: 'Speziell fir Senioren, an engem rouegen Tempo.',
    fr: 'Spécialement pour les seniors, à un rythme tranquille.',
    de: 'Speziell für Seniorinnen und Senioren, in ruhigem Tempo.',
    en: 'Especially for older people, at a calm pace.',
    pt: 'Especialmente para seniores, a um ritmo calmo.',
  },
  disabilities: {
    lb: 'Fir Leit mat enger Behënnerung, mat Zäit an Hëllefsmëttelen no Bedarf.',
    fr: 'Pour les personnes en situation de handicap, avec du temps et des aides adaptées.',
    de: 'Für Menschen mit Behinderung, mit Zeit und Hilfsmitteln nach Bedarf.',
    en: 'For people with disabilities, with time and assistive tools as needed.',
    pt: 'Para pessoas com deficiência, com tempo e apoios adaptados.',
  },
  migrants_refugees: {
    lb: 'Fir Leit, déi nei zu Lëtzebuerg sinn, och ouni Franséisch oder Lëtzebuergesch.',
    fr: 'Pour les personnes arrivées récemment au Luxembourg, même sans parler français ou luxembourgeois.',
    de: 'Für Menschen, die neu in Luxemburg sind, auch ohne Französisch- oder Luxemburgischkenntnisse.',
    en: 'For people new to Luxembourg, even without French or Luxembourgish.',
    pt: 'Para quem chegou há pouco ao Luxemburgo, mesmo sem falar francês ou luxemburguês.',
  },
  low_income: {
    lb: 'Fir Leit mat klengem Akommes: frot no de Konditiounen.',
    fr: 'Pour les personnes à revenu modeste : renseignez-vous sur les conditions.',
    de: 'Für Menschen mit geringem Einkommen: Fragen Sie nach den Bedingungen.',
    en: 'For people on a low income: ask about the conditions.',
    pt: 'Para pessoas com baixos rendimentos: informe-se sobre as condições.',
  },
  jobseekers: {
    lb: 'Fir Leit, déi eng Aarbecht sichen.',
    fr: "Pour les personnes en recherche d'emploi.",
    de: 'Für Arbeitsuchende.',
    en: 'For jobseekers.',
    pt: 'Para quem procura emprego.',
  },
  young_people: {
    lb: 'Fir Jonker vun 12 bis 25 Joer.',
    fr: 'Pour les jeunes de 12 à 25 ans.',
    de: 'Für Jugendliche von 12 bis 25 Jahren.',
    en: 'For young people aged 12 to 25.',
    pt: 'Para jovens dos 12 aos 25 anos.',
  },
  women_girls: {
    lb: 'Fir Fraen a Meedercher, an enger vertrauter Ambiance.',
    fr: 'Pour les femmes et les filles, dans un cadre de confiance.',
    de: 'Für Frauen und Mädchen, in vertrauensvoller Atmosphäre.',
    en: 'For women and girls, in a safe and friendly setting.',
    pt: 'Para mulheres e raparigas, num ambiente de confiança.',
  },
  families: {
    lb: 'Fir Famillen: Kanner si wëllkomm.',
    fr: 'Pour les familles : les enfants sont les bienvenus.',
    de: 'Für Familien: Kinder sind herzlich willkommen.',
    en: 'For families: children are welcome too.',
    pt: 'Para famílias: as crianças também são bem-vindas.',
  },
};

export const MODE_SENTENCE: Readonly<Record<Mode, Texts>> = {
  in_person: {
    lb: 'Bréngt Ären eegenen Apparat mat, wann Der een hutt.',
    fr: 'Apportez votre propre appareil si vous en avez un.',
    de: 'Bringen Sie Ihr eigenes Gerät mit, wenn Sie eines haben.',
    en: 'Bring your own device if you have one.',
    pt: 'Traga o seu próprio aparelho, se tiver um.',
  },
  remote: {
    lb: 'Och per Telefon oder Videoappell méiglech.',
    fr: 'Aussi possible par téléphone ou appel vidéo.',
    de: 'Auch per Telefon oder Videoanruf möglich.',
    en: 'Also possible by phone or video call.',
    pt: 'Também é possível por telefone ou videochamada.',
  },
  at_home: {
    lb: 'Wann Dir net eraus kënnt, komme mir bei Iech heem.',
    fr: 'Si vous ne pouvez pas vous déplacer, nous venons chez vous.',
    de: 'Wenn Sie nicht aus dem Haus können, kommen wir zu Ihnen.',
    en: 'If you cannot get out, we come to your home.',
    pt: 'Se não se puder deslocar, vamos a sua casa.',
  },
};

/** Every invented text says so, in case a page shows it without the demo badge. */
export const DEMO_NOTE: Readonly<Record<Locale | 'de-easy' | 'fr-easy', string>> = {
  lb: 'Demo-Beispill: dës Offer ass erfonnt.',
  fr: 'Exemple de démonstration : cette offre est fictive.',
  de: 'Demo-Beispiel: Dieses Angebot ist erfunden.',
  en: 'Demo example: this offer is made up.',
  pt: 'Exemplo de demonstração: esta oferta é fictícia.',
  'de-easy': 'Dieses Angebot ist ein Beispiel. Es ist nicht echt.',
  'fr-easy': "Cette offre est un exemple. Elle n'existe pas vraiment.",
};

export const COST_CONDITIONS: Texts = {
  lb: "Gratis mam Kulturpass oder fir Leit, déi vum Office social begleet ginn.",
  fr: "Gratuit avec le Kulturpass ou pour les personnes suivies par l'office social.",
  de: 'Kostenlos mit dem Kulturpass oder für Menschen, die vom Sozialamt (Office social) begleitet werden.',
  en: 'Free with the Kulturpass or for people supported by the office social.',
  pt: 'Gratuito com o Kulturpass ou para pessoas acompanhadas pelo office social.',
};

/** `{amount}` is replaced by a whole number of euros. */
export const COST_COURSE: Texts = {
  lb: '{amount} € fir de ganze Cours, Material abegraff.',
  fr: "{amount} € pour l'ensemble du cours, matériel compris.",
  de: '{amount} € für den ganzen Kurs, Material inbegriffen.',
  en: '€{amount} for the whole course, materials included.',
  pt: '{amount} € pelo curso completo, material incluído.',
};

export const COST_DEVICES: Texts = {
  lb: 'Laptoppe vun {amount} € un, mat 6 Méint Garantie.',
  fr: 'Ordinateurs portables à partir de {amount} €, garantie de 6 mois.',
  de: 'Laptops ab {amount} €, mit 6 Monaten Garantie.',
  en: 'Laptops from €{amount}, with a 6-month guarantee.',
  pt: 'Portáteis a partir de {amount} €, com garantia de 6 meses.',
};

/** `{n}` is the session's number in its series. */
export const SESSION_TITLE: Texts = {
  lb: 'Sëtzung {n}',
  fr: 'Séance {n}',
  de: 'Termin {n}',
  en: 'Session {n}',
  pt: 'Sessão {n}',
};

export const ORGANIZATION_DESCRIPTION: Texts = {
  lb: 'Demo-Androg: d’Offeren, Plazen an Termine vun dëser Organisatioun sinn erfonnt, fir de Portal ze weisen.',
  fr: 'Fiche de démonstration : les offres, lieux et dates de cette organisation sont inventés pour présenter le portail.',
  de: 'Demo-Eintrag: Die Angebote, Orte und Termine dieser Organisation sind erfunden, um das Portal vorzuführen.',
  en: "Demo entry: this organisation's offers, places and dates are made up to show how the portal works.",
  pt: 'Registo de demonstração: as ofertas, os locais e as datas desta organização são fictícios e servem para apresentar o portal.',
};

export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
