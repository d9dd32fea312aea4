import { Directive, Field, ID, ObjectType, createUnionType } from 'type-graphql';
import { EvidenceKind } from '../entities';
import { TimelineVisitOutcome } from '../domain/enums';

/**
 * The records that evidence a task live with the department that made them; the joint meeting
 * holds only their keys, and the gateway fetches the records from their owners.
 */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('HomeVisit')
export class HomeVisitRef {
  @Field(() => ID)
  id: string;

  /** only for the merged timeline (`Student.timeline` @requires it) */
  @Directive('@external')
  @Field()
  date?: string;

  @Directive('@external')
  @Field(() => TimelineVisitOutcome)
  outcome?: TimelineVisitOutcome;

  @Directive('@external')
  @Field()
  visitorDepartment?: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('LocateRequest')
export class LocateRequestRef {
  @Field(() => ID)
  id: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('AidGrant')
export class AidGrantRef {
  @Field(() => ID)
  id: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Letter')
export class LetterRef {
  @Field(() => ID)
  id: string;

  /** only for the merged timeline (`Student.timeline` @requires them) */
  @Directive('@external')
  @Field()
  sentOn?: string;

  @Directive('@external')
  @Field()
  recipient?: string;

  @Directive('@external')
  @Field(() => String, { nullable: true })
  repliedOn?: string | null;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('DropoutCase')
export class DropoutCaseRef {
  @Field(() => ID)
  id: string;

  /** only for the merged timeline (`Student.timeline` @requires them) */
  @Directive('@external')
  @Field(() => [LetterRef])
  letters?: LetterRef[];
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('LegalNotice')
export class LegalNoticeRef {
  @Field(() => ID)
  id: string;
}

const TYPE_OF: Partial<Record<EvidenceKind, string>> = {
  HOME_VISIT: 'HomeVisit', LOCATE_REPORT: 'LocateRequest', AID_GRANT: 'AidGrant', RE_ENROLMENT: 'DropoutCase', LETTER: 'Letter', LEGAL_NOTICE: 'LegalNotice',
};

export const TaskEvidence = createUnionType({
  name: 'TaskEvidence',
  description: '办结佐证材料：承办部门的家访、协查、法律告知、资助、复学档案或函件记录',
  types: () => [HomeVisitRef, LocateRequestRef, AidGrantRef, DropoutCaseRef, LetterRef, LegalNoticeRef] as const,
  resolveType: (value) => (value as { __typename?: string }).__typename,
});

/** The reference for a task's evidence (null before the task is done). */
export function evidenceReference(kind: EvidenceKind | null, id: string | null): { __typename: string; id: string } | null {
  const typename = kind ? TYPE_OF[kind] : undefined;
  return typename && id ? { __typename: typename, id } : null;
}
