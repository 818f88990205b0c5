import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requireSecondFactor } from './second-factor.js';
import type { CurrentUser } from './roles.js';

test('requireSecondFactor sends a user on to set up or type a code, and back', () => {
  const user: CurrentUser = {
    id: 'u1',
    email: 'helper@example.lu',
    displayName: 'Helper',
    role: 'provider',
    organizationIds: ['o1'],
    secondFactorEnrolled: false,
    secondFactorVerified: false,
    sessionId: 'hash',
  };
  assert.equal(requireSecondFactor(user, 'de', '/de/mandates/m1?tab=2'), '/de/account/second-factor?next=%2Fde%2Fmandates%2Fm1%3Ftab%3D2');
  assert.equal(requireSecondFactor({ ...user, secondFactorEnrolled: true }, 'de', '/de/mandates/m1'), '/de/account/second-factor/verify?next=%2Fde%2Fmandates%2Fm1');
  assert.equal(requireSecondFactor({ ...user, secondFactorEnrolled: true, secondFactorVerified: true }, 'de', '/de/mandates/m1'), null);
});
