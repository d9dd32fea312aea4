import { ATTESTATION_FIELD } from '@kongchuo/shared/server';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { PublicSecurityContext } from '../context';
import { LegalNotice, LocateRequest, LocateStatus } from '../entities';

/** What public security vouches for of its locate requests and legal notices, for the joint meeting (a task's evidence). */
@Resolver(() => LocateRequest)
export class LocateRequestAttestationResolver {
  /** done when the request is answered: on the day of its last report */
  @FieldResolver(() => String, ATTESTATION_FIELD)
  async attestation(@Root() request: LocateRequest, @Ctx() ctx: PublicSecurityContext): Promise<string> {
    const reports = request.reports.isInitialized() ? request.reports.getItems() : await request.reports.loadItems();
    const doneOn = reports.map((r) => r.date).sort().at(-1) ?? null;
    return ctx.attestations.sign({ kind: 'LOCATE_REPORT', id: request.id, studentId: request.studentId, doneOn, complete: request.status === LocateStatus.REPORTED });
  }
}

@Resolver(() => LegalNotice)
export class LegalNoticeAttestationResolver {
  @FieldResolver(() => String, ATTESTATION_FIELD)
  attestation(@Root() notice: LegalNotice, @Ctx() ctx: PublicSecurityContext): Promise<string> {
    return ctx.attestations.sign({ kind: 'LEGAL_NOTICE', id: notice.id, studentId: notice.studentId, doneOn: notice.servedOn, complete: true });
  }
}
