export { startDevDb } from './server.ts';
export type { DevDb, DevDbOptions } from './server.ts';
