/**
 * A moderator reads a proposed change as "field: before → after". Model entries and proposed
 * versions share field names, so one flattening serves both sides.
 */
import type { PageContext } from '../../../../platform/http/context.js';
import type { ModeratedEntity, Translation } from '../../directory.model.js';
import { getCommune, communeName } from '../../geography/geography.js';
import { CONTENT_LOCALES } from '../../provider.schema.js';
import { contentLocaleName } from '../provider/fields.js';

export interface DiffRow {
  readonly label: string;
  readonly before: string;
  readonly after: string;
}

type Entry = Record<string, unknown>;
type Line = [key: string, label: string, value: string];

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const asText = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

function texts(ctx: PageContext, entry: Entry, field: string, label: string): Line[] {
  const versions = (Array.isArray(entry[field]) ? entry[field] : []) as Translation[];
  return CONTENT_LOCALES.flatMap((locale): Line[] => {
    const version = versions.find((v) => v.locale === locale);
    if (!version) return [];
    const source = ctx.t(`directory.vocab.translation_source.${version.source}`);
    return [[`${field}:${locale}`, `${label} (${contentLocaleName(ctx, locale)})`, `${version.value} [${source}]`]];
  });
}

function codes(ctx: PageContext, entry: Entry, field: string, list: string, label: string): Line {
  return [field, label, asList(entry[field]).map((code) => ctx.t(`directory.vocab.${list}.${code}`)).join(', ')];
}

function lines(ctx: PageContext, type: ModeratedEntity, entry: Entry, placeNames: ReadonlyMap<string, string>): Line[] {
  const t = ctx.t;
  const plain = (field: string, key: string): Line => [field, t(key), asText(entry[field])];
  if (type === 'organization') {
    return [
      plain('name', 'directory.moderation.fields.name'),
      ...texts(ctx, entry, 'description', t('directory.moderation.fields.description')),
      plain('email', 'directory.provider.contact.email'),
      plain('phone', 'directory.provider.contact.phone'),
      plain('website', 'directory.provider.contact.website'),
    ];
  }
  if (type === 'location') {
    const commune = typeof entry.communeId === 'string' ? getCommune(entry.communeId) : undefined;
    return [
      plain('name', 'directory.provider.location.name'),
      [
        'locationType',
        t('directory.provider.location.type'),
        entry.locationType ? t(`directory.provider.location.types.${asText(entry.locationType)}`) : '',
      ],
      plain('address', 'directory.provider.location.address'),
      plain('postalCode', 'directory.provider.location.postal_code'),
      plain('locality', 'directory.provider.location.locality'),
      ['communeId', t('directory.provider.location.commune'), commune ? communeName(commune, ctx.locale) : asText(entry.communeId)],
      plain('latitude', 'directory.provider.location.latitude'),
      plain('longitude', 'directory.provider.location.longitude'),
      codes(ctx, entry, 'accessibility', 'accessibility', t('directory.provider.location.accessibility')),
      plain('openingHours', 'directory.provider.location.opening_hours'),
      ...texts(ctx, entry, 'description', t('directory.moderation.fields.description')),
    ];
  }
  return [
    ['defaultLocale', t('directory.provider.offer_form.default_locale'), asText(entry.defaultLocale)],
    ...texts(ctx, entry, 'name', t('directory.provider.offer_form.name')),
    ...texts(ctx, entry, 'description', t('directory.provider.offer_form.description')),
    codes(ctx, entry, 'offerTypes', 'offer_type', t('directory.provider.offer_form.offer_types')),
    codes(ctx, entry, 'audiences', 'audience', t('directory.provider.offer_form.audiences')),
    codes(ctx, entry, 'languages', 'language', t('directory.provider.offer_form.languages')),
    codes(ctx, entry, 'accessibility', 'accessibility', t('directory.provider.offer_form.accessibility')),
    codes(ctx, entry, 'modes', 'mode', t('directory.provider.offer_form.modes')),
    ['cost', t('directory.provider.offer_form.cost'), entry.cost ? t(`directory.vocab.cost.${asText(entry.cost)}`) : ''],
    ...texts(ctx, entry, 'costDetails', t('directory.provider.offer_form.costDetails')),
    plain('openingHours', 'directory.provider.offer_form.opening_hours'),
    plain('email', 'directory.provider.contact.email'),
    plain('phone', 'directory.provider.contact.phone'),
    plain('website', 'directory.provider.contact.website'),
    plain('bookingUrl', 'directory.provider.offer_form.booking_url'),
    [
      'locationIds',
      t('directory.provider.offer_form.locations'),
      asList(entry.locationIds).map((id) => placeNames.get(id) ?? id).join(', '),
    ],
    ['active', t('directory.provider.offer_form.visibility'), t(entry.active ? 'directory.moderation.shown' : 'directory.moderation.hidden')],
  ];
}

/** Only the fields that differ, in form order; `before` null lists every field of a new entry. */
export function diffEntries(
  ctx: PageContext,
  type: ModeratedEntity,
  before: object | null,
  after: object,
  placeNames: ReadonlyMap<string, string> = new Map(),
): DiffRow[] {
  const old = new Map(before ? lines(ctx, type, before as Entry, placeNames).map(([key, , value]) => [key, value]) : []);
  const rows: DiffRow[] = [];
  const seen = new Set<string>();
  for (const [key, label, value] of lines(ctx, type, after as Entry, placeNames)) {
    seen.add(key);
    const was = old.get(key) ?? '';
    if (was !== value && (before !== null || value !== '')) rows.push({ label, before: was, after: value });
  }
  if (before) {
    for (const [key, label, value] of lines(ctx, type, before as Entry, placeNames)) {
      if (!seen.has(key) && value !== '') rows.push({ label, before: value, after: '' });
    }
  }
  return rows;
}
