import { Field, ID, InputType, Int } from 'type-graphql';
import { CaseOutcome, CaseRecordKind, CaseStatus, DiscoverySource, DropoutReason, ResponsibilityLevel } from '../domain/enums';

@InputType()
export class ResponsibilityInput {
  @Field(() => ResponsibilityLevel)
  level: ResponsibilityLevel;

  @Field()
  name: string;

  @Field()
  title: string;
}

@InputType({ description: '辍学档案筛选' })
export class DropoutCaseFilter {
  @Field(() => CaseStatus, { nullable: true })
  status?: CaseStatus;

  @Field(() => String, { nullable: true })
  schoolCode?: string;

  @Field(() => Int, { nullable: true, description: '发现年份' })
  discoveredIn?: number;
}

@InputType({ description: '建立辍学档案（一生一案）' })
export class OpenDropoutCaseInput {
  @Field(() => ID)
  studentId: string;

  @Field({ description: 'YYYY-MM-DD' })
  discoveredOn: string;

  @Field(() => DiscoverySource)
  source: DiscoverySource;

  @Field(() => ID, { nullable: true })
  screeningId?: string;

  @Field(() => [DropoutReason])
  reasons: DropoutReason[];

  @Field(() => [ResponsibilityInput], { defaultValue: [] })
  responsibilityChain: ResponsibilityInput[];
}

@InputType({ description: '追加劝返过程记录' })
export class AddCaseRecordInput {
  @Field(() => ID)
  caseId: string;

  @Field()
  date: string;

  @Field(() => CaseRecordKind)
  kind: CaseRecordKind;

  @Field()
  summary: string;
}

@InputType({ description: '更新四包责任链' })
export class AssignResponsibilityInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => [ResponsibilityInput])
  responsibilityChain: ResponsibilityInput[];
}

@InputType({ description: '销号（转学就读或移交户籍地；劝返复学请登记 12 复学）' })
export class CloseDropoutCaseInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => CaseOutcome)
  outcome: CaseOutcome;

  @Field()
  date: string;

  @Field()
  summary: string;
}
