import type { EventStream } from '../stream.js';

interface RoomTyping {
  readonly users: Map<string, NodeJS.Timeout>;
  /** The typing serial of the last change, compared with a sync token's typing part. */
  serial: number;
}

const MAX_TIMEOUT_MS = 120_000;

/** Who is typing where. Kept in memory only: it is stale within seconds anyway. */
export class TypingTracker {
  private readonly rooms = new Map<string, RoomTyping>();

  constructor(private readonly stream: EventStream) {}

  set(roomId: string, userId: string, typing: boolean, timeoutMs: number, members: readonly string[]): void {
    let room = this.rooms.get(roomId);
    if (!room) this.rooms.set(roomId, (room = { users: new Map(), serial: 0 }));
    const existing = room.users.get(userId);
    if (existing) clearTimeout(existing);
    if (typing) {
      const timer = setTimeout(() => this.set(roomId, userId, false, 0, members), Math.min(Math.max(timeoutMs, 1000), MAX_TIMEOUT_MS));
      timer.unref();
      room.users.set(userId, timer);
      if (existing) return;
    } else {
      if (!existing) return;
      room.users.delete(userId);
    }
    room.serial = this.stream.bumpTyping(members);
  }

  typingIn(roomId: string): string[] {
    return [...(this.rooms.get(roomId)?.users.keys() ?? [])];
  }

  changedAfter(roomId: string, serial: number): boolean {
    return (this.rooms.get(roomId)?.serial ?? 0) > serial;
  }

  stop(): void {
    for (const room of this.rooms.values()) for (const timer of room.users.values()) clearTimeout(timer);
    this.rooms.clear();
  }
}
