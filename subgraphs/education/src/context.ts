import type { EntityManager } from '@mikro-orm/core';
import { todayInChina, type Identity, type Logger } from '@kongchuo/shared';
import { createLoaders, type Loaders } from './loaders';

/** What every resolver gets: who asks, a request-scoped EntityManager, batching loaders. */
export interface EducationContext {
  identity: Identity;
  em: EntityManager;
  loaders: Loaders;
  requestId: string;
  logger: Logger;
  linkageSecret: string;
  /** today's date (YYYY-MM-DD); changes and records may not be dated after it */
  today: () => string;
}

export interface EducationServices {
  em: EntityManager;
  logger: Logger;
  linkageSecret: string;
}

export function createContext(services: EducationServices, identity: Identity, requestId: string): EducationContext {
  const em = services.em.fork();
  return {
    identity,
    em,
    loaders: createLoaders(em, identity),
    requestId,
    logger: services.logger.child({ requestId, user: identity.user, dept: identity.department }),
    linkageSecret: services.linkageSecret,
    today: () => todayInChina(),
  };
}
