/** What other parts of the chat module may ask of, or tell, the rooms. */
export interface RoomMembershipView {
  /** Rooms the user has joined. */
  joinedRoomIds(userId: string): Promise<string[]>;
  /** Everyone, the user included, who is joined to at least one room the user is joined to. */
  usersSharingRoomsWith(userId: string): Promise<Set<string>>;
  /**
   * Users who began (`joined`) or stopped (`left`) sharing a room with `userId` in the stream
   * window (since, upTo]; `left` holds only users who share no room with them any more.
   */
  sharingChanges(userId: string, since: number, upTo: number): Promise<{ joined: string[]; left: string[] }>;
  /** For deactivation: leaves every joined room and declines every invite. */
  leaveAllRooms(userId: string): Promise<void>;
  /** After a profile change: a new m.room.member event in every joined room with the new name and avatar. */
  updateProfileInRooms(userId: string, profile: { displayname: string | null; avatar_url: string | null }): Promise<void>;
}
