import { Ctx, Directive, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { StudentKey } from '@kongchuo/shared';
import type { JointMeetingContext } from '../context';
import { PersuasionTask } from '../entities';

@Directive('@key(fields: "id")')
@ObjectType({ description: '学生（统一视图：联席会议部分）' })
export class Student extends StudentKey {}

@Resolver(() => Student)
export class StudentResolver {
  @FieldResolver(() => [PersuasionTask], { nullable: true, description: '该生的劝返任务（按期限）' })
  tasks(@Root() s: Student, @Ctx() ctx: JointMeetingContext): Promise<PersuasionTask[]> {
    return ctx.loaders.tasksOfStudent.load(s.id);
  }
}
