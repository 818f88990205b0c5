/** The vocabulary's code types, as the directory's public lists define them. */
import type { ACCESSIBILITY, AUDIENCES, MODES, OFFER_TYPES } from '../directory/index.js';

export type OfferType = (typeof OFFER_TYPES)[number];
export type Audience = (typeof AUDIENCES)[number];
export type Mode = (typeof MODES)[number];
export type Accessibility = (typeof ACCESSIBILITY)[number];
