// What a service needs to know about the caller. Built once per request by platform/access.ts.
import type { StaffRole } from '../db/schema.js';
import type { Db } from './db.js';
import type { Config } from '../config.js';

export interface Actor {
  staffId: string;
  municipalityId: string;
  name: string;
  role: StaffRole;
  teamIds: string[];
  csrfToken: string;
}

export interface ServiceContext {
  db: Db;
  config: Config;
  actor: Actor;
  requestId: string;
}

/** Context for work that has no signed-in caller yet (sign-in itself). */
export interface AnonymousContext {
  db: Db;
  config: Config;
  requestId: string;
  clientAddress: string;
}
