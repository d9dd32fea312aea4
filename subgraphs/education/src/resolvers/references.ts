import type { EducationContext } from '../context';
import { REQUIRED_BY_EARLY_WARNING, type Student } from '../entities/student';

/** Keeps what other subgraphs provided for a `@requires` (e.g. `earlyWarning`) on the loaded record. */
async function resolveStudent(ref: Record<string, unknown> & { id: string }, ctx: EducationContext): Promise<Student | null> {
  const student = await ctx.loaders.student.load(ref.id);
  if (!student) return null;
  for (const k of REQUIRED_BY_EARLY_WARNING) if (k in ref) (student as unknown as Record<string, unknown>)[k] = ref[k];
  return student;
}

/**
 * Federation entity resolution. Each representation goes through a DataLoader, so a query
 * plan's `_entities` call for N students costs one SQL query (row scope applied).
 */
export const referenceResolvers = {
  Student: {
    __resolveReference: resolveStudent,
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
