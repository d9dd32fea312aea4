import { Field, ID, InputType, Int } from 'type-graphql';
import { EvidenceKind, TaskStatus, TaskType } from '../entities';

@InputType({ description: '交办劝返任务（联席会议、教育局）' })
export class AssignTaskInput {
  @Field(() => ID, { description: '学生（人员关联键）' })
  studentId: string;

  @Field(() => ID, { nullable: true, description: '辍学档案号' })
  caseId?: string;

  @Field(() => ID, { nullable: true, description: '依据的联席会议' })
  meetingId?: string;

  @Field(() => TaskType)
  type: TaskType;

  @Field({ description: '承办部门：education, public_security, civil_affairs, community' })
  department: string;

  @Field(() => String, { nullable: true, description: '承办人（可选）' })
  assignee?: string;

  @Field({ description: '办结期限 YYYY-MM-DD（不早于今天）' })
  dueDate: string;

  @Field(() => String, { nullable: true })
  note?: string;
}

@InputType({ description: '接收、开始办理' })
export class MoveTaskInput {
  @Field(() => ID)
  taskId: string;

  @Field(() => Int, { description: '任务当前版本号（乐观锁）' })
  expectedVersion: number;

  @Field(() => String, { nullable: true })
  note?: string;
}

@InputType({ description: '办结：附承办部门记录的佐证材料' })
export class CompleteTaskInput {
  @Field(() => ID)
  taskId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => EvidenceKind, { nullable: true, description: '佐证材料类型，须与任务类型相符' })
  evidenceKind?: EvidenceKind;

  @Field(() => String, { nullable: true, description: '佐证材料编号：家访、协查反馈、资助发放、复学档案等记录的编号' })
  evidenceId?: string;

  @Field(() => String, { nullable: true, description: '佐证材料的签名证明：从承办部门读取该记录的 attestation 字段（15 分钟内有效）' })
  evidenceAttestation?: string;

  @Field(() => String, { nullable: true })
  note?: string;
}

@InputType({ description: '退回（须说明理由）' })
export class RejectTaskInput {
  @Field(() => ID)
  taskId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field()
  reason: string;
}

@InputType({ description: '重新交办（联席会议、教育局）' })
export class ReassignTaskInput {
  @Field(() => ID)
  taskId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field()
  department: string;

  @Field(() => String, { nullable: true })
  assignee?: string;

  @Field()
  dueDate: string;

  @Field(() => String, { nullable: true })
  note?: string;
}

@InputType({ description: '任务筛选' })
export class TaskFilter {
  @Field(() => String, { nullable: true })
  department?: string;

  @Field(() => TaskStatus, { nullable: true })
  status?: TaskStatus;

  @Field(() => TaskType, { nullable: true })
  type?: TaskType;

  @Field(() => ID, { nullable: true })
  meetingId?: string;

  @Field(() => Boolean, { nullable: true, description: '仅逾期' })
  overdue?: boolean;
}
