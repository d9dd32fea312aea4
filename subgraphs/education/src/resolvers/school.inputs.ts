import { Field, ID, InputType } from 'type-graphql';
import { SchoolType } from '../domain/enums';

@InputType({ description: '新建学校' })
export class CreateSchoolInput {
  @Field(() => ID, { description: '学校标识码（10 位数字）' })
  code: string;

  @Field()
  name: string;

  @Field(() => SchoolType)
  type: SchoolType;

  @Field({ description: '所在街道代码（9 位）' })
  subdistrictCode: string;

  @Field()
  subdistrictName: string;
}
