import { ATTESTATION_FIELD } from '@kongchuo/shared/server';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { CivilAffairsContext } from '../context';
import { AidGrant } from '../entities';

/** What civil affairs vouches for of its aid grants, for the joint meeting (a task's evidence). */
@Resolver(() => AidGrant)
export class AidGrantAttestationResolver {
  @FieldResolver(() => String, ATTESTATION_FIELD)
  attestation(@Root() grant: AidGrant, @Ctx() ctx: CivilAffairsContext): Promise<string> {
    return ctx.attestations.sign({ kind: 'AID_GRANT', id: grant.id, studentId: grant.studentId, doneOn: grant.grantedOn, complete: true });
  }
}
