/**
 * Facts one department vouches for to another, instead of a call: the department that owns a
 * record signs what another needs to know of it — a short JWS (EdDSA, Ed25519), typ
 * `kc-evidence+jwt` — with its own key (the key that signs its audit checkpoints; the typ tells the
 * two uses apart), and the other checks the signature with the owner's public key. The joint
 * meeting completes a persuasion task on the evidence's attestation, so no resolver reads another
 * department through the gateway (docs/architecture.md#evidence-the-owner-vouches-for).
 */
import type { KeyObject } from 'node:crypto';
import { CompactSign, compactVerify } from 'jose';
import { badInput, type SubgraphName } from '../core';

export const EVIDENCE_TYP = 'kc-evidence+jwt';
/** how long an attestation is good for: long enough to fill in a form, short enough that the record cannot have changed much */
export const EVIDENCE_TTL_SECONDS = 15 * 60;

/** The options of every record's `attestation` field. */
export const ATTESTATION_FIELD = { description: '本部门对这条记录的签名证明：办结劝返任务时作为佐证材料交联席会议核验（15 分钟内有效）' };

/** What the owner says of one record that evidences a task. */
export interface EvidenceFacts {
  /** EvidenceKind: HOME_VISIT, LOCATE_REPORT, AID_GRANT, LEGAL_NOTICE, RE_ENROLMENT, LETTER */
  kind: string;
  /** the record's id in the owner's service */
  id: string;
  /** the child's linkage key */
  studentId: string;
  /** the day the work was done (YYYY-MM-DD), or null if it is not done yet */
  doneOn: string | null;
  /** the owner's word that the work the record stands for is done (a locate request answered, a case closed as returned) */
  complete: boolean;
}

export interface VouchedEvidence extends EvidenceFacts {
  /** the department whose key signed it */
  issuer: SubgraphName;
}

export interface Attestations {
  /** signs facts of one of this department's records */
  sign(facts: EvidenceFacts): Promise<string>;
  /** checks an attestation of `issuer` (its signature, typ and expiry) and returns the facts; BAD_USER_INPUT naming `field` otherwise */
  verify(token: string, issuer: SubgraphName, field: string): Promise<VouchedEvidence>;
}

export function attestations(self: SubgraphName, signingKey: KeyObject | undefined, publicKeys: Partial<Record<SubgraphName, KeyObject>>): Attestations {
  return {
    async sign(facts) {
      if (!signingKey) throw new Error(`${self} has no signing key to vouch for its records`);
      const now = Math.floor(Date.now() / 1000);
      const claims = { iss: self, kind: facts.kind, id: facts.id, sub: facts.studentId, doneOn: facts.doneOn, complete: facts.complete, iat: now, exp: now + EVIDENCE_TTL_SECONDS };
      return new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader({ alg: 'EdDSA', typ: EVIDENCE_TYP }).sign(signingKey);
    },
    async verify(token, issuer, field) {
      const key = publicKeys[issuer];
      if (!key) throw new Error(`${self} has no public key of ${issuer} to check its attestations`);
      let claims: Record<string, unknown>;
      try {
        const { payload, protectedHeader } = await compactVerify(token, key, { algorithms: ['EdDSA'] });
        if (protectedHeader.typ !== EVIDENCE_TYP) throw new Error('typ');
        claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
      } catch {
        throw badInput(field, `${field}: not an attestation signed by ${issuer}; read the record's attestation from ${issuer} again`);
      }
      if (claims.iss !== issuer || typeof claims.exp !== 'number' || typeof claims.id !== 'string' || typeof claims.sub !== 'string' || typeof claims.kind !== 'string') {
        throw badInput(field, `${field}: not an attestation of ${issuer}`);
      }
      if (claims.exp * 1000 < Date.now()) throw badInput(field, `${field}: the attestation has expired; read the record's attestation again`);
      return {
        issuer, kind: claims.kind, id: claims.id, studentId: claims.sub,
        doneOn: typeof claims.doneOn === 'string' ? claims.doneOn : null, complete: claims.complete === true,
      };
    },
  };
}
