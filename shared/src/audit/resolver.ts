import type { EntityManager } from '@mikro-orm/core';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { decodeCursor, pageSize, pageWithLazyCount, toPage } from '../core';
import type { Identity } from '../identity';
import { AuditEntry, AuditEntryConnection } from './entry';

/** `Query.<name>AuditLog`: one subgraph's audit log, for the joint meeting. */
export function auditLogResolver(queryName: string) {
  @Resolver()
  class AuditLogResolver {
    @Query(() => AuditEntryConnection, { name: queryName, description: '审计日志（联席会议）：最新在前' })
    async auditLog(
      @Ctx() ctx: { identity: Identity; em: EntityManager },
      @Arg('studentId', () => String, { nullable: true }) studentId?: string,
      @Arg('department', () => String, { nullable: true }) department?: string,
      @Arg('first', () => Int, { nullable: true }) first?: number,
      @Arg('after', () => String, { nullable: true }) after?: string,
    ): Promise<AuditEntryConnection> {
      const limit = pageSize(first);
      const cursor = decodeCursor(after);
      const where = { ...(studentId ? { studentId } : {}), ...(department ? { department } : {}) };
      const rows = await ctx.em.find(AuditEntry, { ...where, ...(cursor ? { id: { $lt: Number(cursor) } } : {}) }, { orderBy: { id: 'desc' }, limit: limit + 1 });
      return pageWithLazyCount(() => ctx.em.count(AuditEntry, where), toPage(rows, limit, (r) => String(r.id)));
    }
  }
  return AuditLogResolver;
}
