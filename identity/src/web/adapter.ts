/**
 * oidc-provider's storage (its Adapter interface) in the provider's own database: one row per
 * model and id in `provider_record`. Expired rows are ignored when read and swept now and then.
 */
import type { MikroORM } from '@mikro-orm/core';
import { ProviderRecord } from '../entities';

type Payload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string; accountId?: string; consumed?: number };

export function databaseAdapter(orm: MikroORM) {
  const em = () => orm.em.fork();
  const live = (r: ProviderRecord | null): Payload | undefined => {
    if (!r || (r.expiresAt && r.expiresAt.getTime() <= Date.now())) return undefined;
    const p = JSON.parse(r.payload) as Payload;
    return r.consumedAt ? { ...p, consumed: Math.floor(r.consumedAt.getTime() / 1000) } : p;
  };
  return class DatabaseAdapter {
    constructor(readonly model: string) {}

    async upsert(id: string, payload: Payload, expiresIn?: number) {
      const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
      // one statement (insert … on conflict update); a record consumed before stays consumed
      await em().upsert(ProviderRecord, { model: this.model, id, payload: JSON.stringify(payload), grantId: payload.grantId ?? null, uid: payload.uid ?? null, accountId: payload.accountId ?? null, expiresAt });
    }

    async find(id: string) {
      return live(await em().findOne(ProviderRecord, { model: this.model, id }));
    }

    async findByUid(uid: string) {
      return live(await em().findOne(ProviderRecord, { model: this.model, uid }));
    }

    async findByUserCode(): Promise<undefined> {
      return undefined; // the device flow is not enabled
    }

    async consume(id: string) {
      await em().nativeUpdate(ProviderRecord, { model: this.model, id }, { consumedAt: new Date() });
    }

    async destroy(id: string) {
      await em().nativeDelete(ProviderRecord, { model: this.model, id });
    }

    async revokeByGrantId(grantId: string) {
      await em().nativeDelete(ProviderRecord, { grantId });
    }
  };
}

/** Deletes expired rows; returns how many. */
export async function sweepExpired(orm: MikroORM): Promise<number> {
  return orm.em.fork().nativeDelete(ProviderRecord, { expiresAt: { $lt: new Date() } });
}

/** Ends every grant and session of an account (it was disabled): its refresh tokens stop at once. */
export async function revokeAccount(orm: MikroORM, username: string): Promise<void> {
  await orm.em.fork().nativeDelete(ProviderRecord, { accountId: username });
}
