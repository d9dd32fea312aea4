import { ATTESTATION_FIELD } from '@kongchuo/shared/server';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { CommunityContext } from '../context';
import { HomeVisit } from '../entities';

/** What the community vouches for of its home visits, for the joint meeting (a task's evidence). */
@Resolver(() => HomeVisit)
export class HomeVisitAttestationResolver {
  @FieldResolver(() => String, ATTESTATION_FIELD)
  attestation(@Root() visit: HomeVisit, @Ctx() ctx: CommunityContext): Promise<string> {
    return ctx.attestations.sign({ kind: 'HOME_VISIT', id: visit.id, studentId: visit.studentId, doneOn: visit.date, complete: true });
  }
}
