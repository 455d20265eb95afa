/** "Now", for every rule that depends on it: real time in the cloud, a virtual clock locally and in tests. */
export interface Clock {
  now(): Date;
}
