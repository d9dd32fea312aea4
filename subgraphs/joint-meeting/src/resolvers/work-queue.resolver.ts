import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Ctx, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { ConnectionType, badInput, decodeTupleCursor, encodeCursor, forbidden, pageSizeFor, pageWithLazyCount, tupleKey } from '@kongchuo/shared/core';
import { calendarDate } from '@kongchuo/shared/domain';
import { DEPARTMENTS, type Department } from '@kongchuo/shared/identity';
import { chunked } from '@kongchuo/shared/policy';
import type { JointMeetingContext } from '../context';
import { PersuasionTask, TaskStatus } from '../entities';
import { ASSIGNERS } from '../domain/tasks';
import { WorkQueueFilter } from './work-queue.inputs';

@ObjectType({ description: '工作台任务（按调用者可见范围）' })
export class TaskConnection extends ConnectionType(PersuasionTask) {}

const OPEN = [TaskStatus.ASSIGNED, TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS];

/**
 * The queue's order: open work due soonest first (so overdue work comes first), within a day the
 * newest first; finished work (done or returned only) the latest due first.
 */
const orderOf = (dueFirst: boolean) => ({ dueDate: dueFirst ? 'asc' : 'desc', createdAt: 'desc', id: 'asc' }) as const;
type Key = [dueDate: string, createdAt: string, id: string];
const keyOf = (t: PersuasionTask): Key => [t.dueDate, t.createdAt.toISOString(), t.id];

const decodeKey = (after: string | null | undefined) => decodeTupleCursor(after, 3, 'after', 'this list') as Key | undefined;

/** The rows after `key` in the queue's order. */
function after(key: Key | undefined, dueFirst: boolean): FilterQuery<PersuasionTask>[] {
  if (!key) return [];
  const [dueDate, createdAt, id] = key;
  const later = dueFirst ? { $gt: dueDate } : { $lt: dueDate };
  return [{ $or: [{ dueDate: later }, { dueDate, createdAt: { $lt: createdAt } }, { dueDate, createdAt, id: { $gt: id } }] } as FilterQuery<PersuasionTask>];
}

@Resolver()
export class WorkQueueResolver {
  @Query(() => TaskConnection, { description: '工作台：本部门的任务，未办结的逾期在前、再按期限（同一期限新派的在前），只看已办结或已退回的则期限新的在前；分页；只列调用者范围内的儿童，所列的都能打开' })
  async workQueue(
    @Ctx() ctx: JointMeetingContext,
    @Arg('filter', () => WorkQueueFilter, { nullable: true }) filter?: WorkQueueFilter,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) afterCursor?: string,
  ): Promise<TaskConnection> {
    const limit = pageSizeFor(ctx.identity.role, first, 20);
    const { department: own, scope } = ctx.identity;
    const assigner = ASSIGNERS.includes(own) && scope.kind === 'district';
    let department: string | undefined = own === 'joint_meeting' ? undefined : own;
    if (filter?.allDepartments) {
      if (!assigner) throw forbidden(`only the joint meeting and the district education bureau see other departments' work`, 'filter.allDepartments');
      department = undefined;
    }
    if (filter?.department != null) {
      if (!DEPARTMENTS.includes(filter.department as Department)) throw badInput('filter.department', `filter.department: no department ${filter.department}`);
      if (!assigner && filter.department !== own) throw forbidden(`only the joint meeting and the district education bureau see other departments' work`, 'filter.department');
      department = filter.department;
    }
    const today = ctx.today();
    const statuses = filter?.status?.length ? filter.status : OPEN;
    const where: FilterQuery<PersuasionTask>[] = [{ status: { $in: statuses } }];
    if (department) where.push({ assignedDepartment: department });
    if (filter?.type) where.push({ type: filter.type });
    if (filter?.overdue) where.push({ status: { $in: OPEN }, dueDate: { $lt: today } });
    if (filter?.dueBy != null) where.push({ dueDate: { $lte: calendarDate(filter.dueBy, 'filter.dueBy') } });
    const start = decodeKey(afterCursor);
    const dueFirst = statuses.some((s) => OPEN.includes(s));

    const page = !ctx.scope.whole ? await this.scopedPage(ctx, where, start, limit, dueFirst) : await this.wholePage(ctx, where, start, limit, dueFirst);
    const last = page.nodes.at(-1);
    return pageWithLazyCount(() => this.count(ctx, where), {
      nodes: page.nodes,
      pageInfo: { hasNextPage: page.more, endCursor: last ? encodeCursor(tupleKey(keyOf(last))) : null },
    });
  }

  private async wholePage(ctx: JointMeetingContext, where: FilterQuery<PersuasionTask>[], start: Key | undefined, limit: number, dueFirst: boolean) {
    const rows = await ctx.em.find(PersuasionTask, { $and: [...where, ...after(start, dueFirst)] }, { orderBy: orderOf(dueFirst), limit: limit + 1 });
    return { nodes: rows.slice(0, limit), more: rows.length > limit };
  }

  /**
   * Staff of one school, subdistrict or community: the department's tasks in order, a batch at a
   * time, kept when the child is inside the caller's scope (asked of the fact's owner once per
   * batch), until the page is full. So every page is full and lists only children the caller may open.
   */
  private async scopedPage(ctx: JointMeetingContext, where: FilterQuery<PersuasionTask>[], start: Key | undefined, limit: number, dueFirst: boolean) {
    const batch = Math.max(4 * (limit + 1), 200);
    const nodes: PersuasionTask[] = [];
    let from = start;
    for (;;) {
      const rows = await ctx.em.find(PersuasionTask, { $and: [...where, ...after(from, dueFirst)] }, { orderBy: orderOf(dueFirst), limit: batch });
      const inside = await ctx.scope.filter(rows.map((t) => t.studentId));
      for (const t of rows) {
        if (!inside.has(t.studentId)) continue;
        if (nodes.length === limit) return { nodes, more: true };
        nodes.push(t);
      }
      if (rows.length < batch) return { nodes, more: false };
      from = keyOf(rows.at(-1)!);
    }
  }

  private async count(ctx: JointMeetingContext, where: FilterQuery<PersuasionTask>[]): Promise<number> {
    if (ctx.scope.whole) return ctx.em.count(PersuasionTask, { $and: where });
    const rows = await ctx.em.find(PersuasionTask, { $and: where }, { fields: ['studentId'] });
    let counted = 0;
    for (const part of chunked(rows, 2000)) {
      const inside = await ctx.scope.filter(part.map((t) => t.studentId));
      counted += part.filter((t) => inside.has(t.studentId)).length;
    }
    return counted;
  }
}
