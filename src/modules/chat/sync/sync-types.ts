import type { Requester } from '../access-tokens.js';
import type { StreamToken } from '../stream.js';

/** An event as clients see it (the spec's ClientEvent, room_id included). */
export interface ClientEvent {
  event_id: string;
  room_id: string;
  type: string;
  state_key?: string;
  sender: string;
  content: Record<string, unknown>;
  origin_server_ts: number;
  unsigned?: Record<string, unknown>;
  redacts?: string;
}

export interface BasicEvent {
  type: string;
  content: Record<string, unknown>;
}

export interface SyncResponse {
  next_batch: string;
  rooms: {
    join: Record<string, Record<string, unknown>>;
    invite: Record<string, Record<string, unknown>>;
    leave: Record<string, Record<string, unknown>>;
  };
  account_data: { events: BasicEvent[] };
  presence: { events: BasicEvent[] };
  to_device: { events: Record<string, unknown>[] };
  device_lists: { changed: string[]; left: string[] };
  device_one_time_keys_count: Record<string, number>;
  device_unused_fallback_key_types: string[];
}

export interface SyncWindow {
  readonly requester: Requester;
  /** null for an initial sync. */
  readonly since: StreamToken | null;
  readonly upTo: StreamToken;
  readonly fullState: boolean;
}

/**
 * A part of the module that adds its own sections to every /sync answer (keys, to-device
 * messages, device lists...). `contribute` sees the window (since, upTo] and fills its sections.
 */
export interface SyncExtension {
  contribute(window: SyncWindow, response: SyncResponse): Promise<void>;
}
