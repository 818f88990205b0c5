/** Room versions 10 and 11 differ, for a server without federation, in the create event and redaction. */
export const SUPPORTED_ROOM_VERSIONS = ['10', '11'] as const;
export type RoomVersion = (typeof SUPPORTED_ROOM_VERSIONS)[number];
export const DEFAULT_ROOM_VERSION: RoomVersion = '10';

export function isSupportedRoomVersion(version: string): version is RoomVersion {
  return (SUPPORTED_ROOM_VERSIONS as readonly string[]).includes(version);
}

/** From v11 the create event has no `creator`; the sender is the creator. */
export const createEventHasCreator = (version: RoomVersion): boolean => version === '10';
