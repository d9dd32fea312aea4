import { studentReference } from '@kongchuo/shared/server';

/** Federation entity resolution: this department resolves a Student only by its key (its fields come from its own field resolvers). */
export const referenceResolvers = studentReference;
