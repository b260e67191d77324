/**
 * The Postgres NOTIFY channels the hub's parts wake each other on. A
 * notification only says "look now": the reader still reads the table after
 * its own position, and a poll covers a notification missed.
 */

/** Notified by ingest after a transaction appended events; payload: the last log position written. */
export const EVENTS_CHANNEL = 'servicegraph_events';

/** Notified by the listeners once per committed batch that recorded changes; payload: the last change-feed position. */
export const CHANGES_CHANNEL = 'servicegraph_changes';
