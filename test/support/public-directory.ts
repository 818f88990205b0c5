import type { App } from '../../src/app.js';
import type { CurrentUser } from '../../src/platform/auth/roles.js';
import type { CourseSession, Location, Offer, Organization } from '../../src/modules/directory/index.js';
import { locationInput, offerInput, published, unwrap } from './directory-fixtures.js';

export interface PublicDirectory {
  moderator: CurrentUser;
  organization: Organization;
  esch: Location;
  luxembourg: Location;
  course: Offer;
  helpdesk: Offer;
  sessions: CourseSession[];
}

const DAY = 86_400_000;

/**
 * A small public directory: a course in French (with an English and an Easy German version)
 * with upcoming sessions in Esch, and a drop-in help desk in Luxembourg written in Luxembourgish.
 * Session dates are relative to `now`, so the pages always have something upcoming.
 */
export async function publicDirectory(app: App, now: Date = new Date()): Promise<PublicDirectory> {
  const moderator = unwrap(
    await app.accounts.createUser({ email: 'moderator@example.lu', password: 'correct horse battery', displayName: 'Moderator', role: 'moderator' }),
  );
  const organization = published(
    unwrap(
      await app.directory.createOrganization(moderator, {
        name: 'Digital Inclusion asbl',
        email: 'info@di.lu',
        phone: '+352 26 00 00 00',
        website: 'https://di.example.lu/',
        description: [{ locale: 'en', value: 'We help people take their first steps with computers.' }],
      }),
    ),
  );
  const esch = unwrap(
    await app.directory.createLocation(moderator, organization.id, locationInput({ openingHours: 'Mo-Fr 09:00-12:00,14:00-17:00', latitude: 49.4958, longitude: 5.9806 })),
  );
  const luxembourg = unwrap(
    await app.directory.createLocation(
      moderator,
      organization.id,
      locationInput({
        name: 'Bibliothèque municipale',
        address: '3, place d’Armes',
        postalCode: 'L-1136',
        locality: 'Luxembourg',
        communeId: 'luxembourg',
        latitude: 49.6112,
        longitude: 6.1297,
        openingHours: 'Mo-Sa 10:00-18:00',
        accessibility: ['wheelchair'],
      }),
    ),
  );
  const course = published(
    unwrap(
      await app.directory.createOffer(
        moderator,
        organization.id,
        offerInput({
          name: [
            { locale: 'fr', value: 'Café smartphone' },
            { locale: 'en', value: 'Smartphone café', source: 'machine' },
          ],
          description: [
            { locale: 'fr', value: 'Apprendre à utiliser son smartphone, en petit groupe.\n\nApportez votre téléphone.' },
            { locale: 'en', value: 'Learn to use your smartphone in a small group.', source: 'machine' },
            { locale: 'de-easy', value: 'Sie lernen das Handy. Wir sind eine kleine Gruppe.' },
          ],
          offerTypes: ['course', 'smartphone_tablet'],
          locationIds: [esch.id],
          bookingUrl: 'https://di.example.lu/book',
        }),
      ),
    ),
  );
  const helpdesk = published(
    unwrap(
      await app.directory.createOffer(
        moderator,
        organization.id,
        offerInput({
          defaultLocale: 'lb',
          name: [{ locale: 'lb', value: 'Computer-Hëllef an der Bibliothéik' }],
          description: [{ locale: 'lb', value: 'Mir hëllefen Iech mat MyGuichet an E-Mailen.' }],
          offerTypes: ['helpdesk', 'online_procedures'],
          audiences: ['everyone'],
          languages: ['lb', 'de', 'pt'],
          cost: 'free',
          locationIds: [luxembourg.id],
        }),
      ),
    ),
  );
  const sessions: CourseSession[] = [];
  for (const days of [3, 10]) {
    const startsAt = new Date(now.getTime() + days * DAY);
    startsAt.setUTCHours(13, 0, 0, 0);
    sessions.push(
      unwrap(
        await app.directory.createSession(moderator, course.id, {
          locationId: esch.id,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
          capacity: 8,
          title: [{ locale: 'fr', value: 'Premiers pas' }],
        }),
      ),
    );
  }
  return { moderator, organization, esch, luxembourg, course, helpdesk, sessions };
}
