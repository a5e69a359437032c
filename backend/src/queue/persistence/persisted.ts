/** What nact hands an engine (nact's PersistedEvent / PersistedSnapshot, typed). */
export interface PersistedEvent {
  data: unknown;
  sequenceNumber: number;
  key: string;
  tags: string[];
  createdAt: number;
  isDeleted?: boolean;
}
export interface PersistedSnapshot {
  data: unknown;
  sequenceNumber: number;
  key: string;
  createdAt: number;
}
