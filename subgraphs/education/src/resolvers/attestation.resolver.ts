import { ATTESTATION_FIELD } from '@kongchuo/shared/server';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { EducationContext } from '../context';
import { CaseOutcome, CaseStatus } from '../domain/enums';
import { DropoutCase, Letter } from '../entities';

/** What education vouches for of its case files and letters, for the joint meeting (a task's evidence). */
@Resolver(() => DropoutCase)
export class DropoutCaseAttestationResolver {
  /** re-enrolment is done when the case is closed with the child back at school (12 复学) */
  @FieldResolver(() => String, ATTESTATION_FIELD)
  attestation(@Root() file: DropoutCase, @Ctx() ctx: EducationContext): Promise<string> {
    const returned = file.status === CaseStatus.CLOSED && file.outcome === CaseOutcome.RETURNED;
    return ctx.attestations.sign({ kind: 'RE_ENROLMENT', id: file.id, studentId: file.student.id, doneOn: file.closedOn, complete: returned });
  }
}

@Resolver(() => Letter)
export class LetterAttestationResolver {
  @FieldResolver(() => String, ATTESTATION_FIELD)
  async attestation(@Root() letter: Letter, @Ctx() ctx: EducationContext): Promise<string> {
    const file = await ctx.loaders.dropoutCase.load(letter.dropoutCase.id);
    if (!file) throw new Error(`letter ${letter.id} has no case file`);
    return ctx.attestations.sign({ kind: 'LETTER', id: letter.id, studentId: file.student.id, doneOn: letter.sentOn, complete: true });
  }
}
