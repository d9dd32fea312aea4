import type { EducationContext } from './context';

/**
 * Federation entity resolution. Each representation goes through a DataLoader, so a query
 * plan's `_entities` call for N students costs one SQL query (row scope applied).
 */
export const referenceResolvers = {
  Student: {
    __resolveReference: (ref: { id: string }, ctx: EducationContext) => ctx.loaders.student.load(ref.id),
  },
  DropoutCase: {
    __resolveReference: (ref: { id: string }, ctx: EducationContext) => ctx.loaders.dropoutCase.load(ref.id),
  },
  Letter: {
    __resolveReference: (ref: { id: string }, ctx: EducationContext) => ctx.loaders.letter.load(ref.id),
  },
  School: {
    __resolveReference: (ref: { code: string }, ctx: EducationContext) => ctx.loaders.school.load(ref.code),
  },
};
